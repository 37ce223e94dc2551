package io.historylane.starrocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.core.config.StarRocksConfig.Mode;
import io.historylane.core.error.BadInputException;
import io.historylane.starrocks.testing.FakeStarRocks;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ViewFlipTest {
  private static final String BEFORE = "CREATE VIEW `vw_sales` AS SELECT * FROM `iceberg_lake`.`history`.`sales`";

  private final FakeStarRocks fe = FakeStarRocks.start()
      .table("iceberg_lake.history.sales", 100).table("iceberg_lake.history.sales_v2", 120)
      .table("iceberg_lake.history.sales_empty", 0).view("analytics.vw_sales", BEFORE);

  @AfterEach
  void stop() {
    fe.close();
  }

  @Test
  void flipChecksTheTargetKeepsThePreviousDefinitionAndAltersTheView() {
    ViewFlipResult result = flip("iceberg_lake.history.sales_v2", false);

    assertEquals(List.of("SELECT 1 FROM `iceberg_lake`.`history`.`sales_v2` LIMIT 1", "SHOW CREATE VIEW `analytics`.`vw_sales`",
        "ALTER VIEW `analytics`.`vw_sales` AS SELECT * FROM `iceberg_lake`.`history`.`sales_v2`"), fe.statements());
    assertEquals(fe.statements(), result.statements());
    assertEquals(BEFORE, result.previousDefinition());
    assertTrue(fe.viewDefinition("analytics.vw_sales").endsWith("FROM `iceberg_lake`.`history`.`sales_v2`"));
  }

  @Test
  void aMissingOrEmptyTargetIsRefusedAndTheViewIsUnchanged() {
    BadInputException missing = assertThrows(BadInputException.class, () -> flip("iceberg_lake.history.nope", false));
    assertTrue(missing.getMessage().contains("Unknown table 'iceberg_lake.history.nope'"), missing.getMessage());
    BadInputException empty = assertThrows(BadInputException.class, () -> flip("iceberg_lake.history.sales_empty", false));
    assertTrue(empty.getMessage().contains("returns no rows"), empty.getMessage());

    assertEquals(BEFORE, fe.viewDefinition("analytics.vw_sales"));
    assertTrue(fe.statements().stream().noneMatch(s -> s.startsWith("ALTER")), fe.statements().toString());
  }

  @Test
  void aDryRunSendsNothing() {
    ViewFlipResult result = flip("iceberg_lake.history.sales_v2", true);

    assertEquals(3, result.statements().size());
    assertEquals(0, fe.logins());
  }

  private ViewFlipResult flip(String target, boolean dryRun) {
    return ViewFlip.on(StarRocksRefreshTest.config(fe.url(), Mode.SYNC)).view(SqlName.parse("view", "analytics.vw_sales", 2, 2))
        .to(SqlName.parse("--to", target, 2, 3)).dryRun(dryRun).execute();
  }
}
