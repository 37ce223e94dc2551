package io.historylane.starrocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.core.config.SecretValue;
import io.historylane.core.config.StarRocksConfig;
import io.historylane.core.config.StarRocksConfig.Mode;
import io.historylane.starrocks.testing.FakeStarRocks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StarRocksRefreshTest {
  private final FakeStarRocks fe = FakeStarRocks.start()
      .table("iceberg_lake.history.sales").materializedView("analytics.mv_daily_sales");

  @AfterEach
  void stop() {
    fe.close();
  }

  @Test
  void asyncRefreshWaitsForTheTaskRun() {
    fe.taskRunPolls(List.of("PENDING"), List.of("RUNNING"), List.of("SUCCESS"));
    RefreshResult result = StarRocksRefresh.to(config(fe.url(), Mode.ASYNC)).plan(salesPlan(Mode.ASYNC)).execute();
    System.out.println(fe.wire().received());
    System.out.println(result);
    assertTrue(result.allSucceeded());
  }

  static StarRocksConfig config(String url, Mode mode) {
    return new StarRocksConfig(url, FakeStarRocks.USER, new SecretValue(FakeStarRocks.PASSWORD, "env TEST"), null,
        "iceberg_lake", "paimon_lake", mode, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(3),
        Duration.ofMillis(20), 2);
  }

  static RefreshPlan salesPlan(Mode mode) {
    SqlName sales = SqlName.of("test", "iceberg_lake", "history", "sales");
    return new RefreshPlan(List.of(RefreshStatement.externalTable(sales),
        RefreshStatement.materializedView(SqlName.of("test", "analytics", "mv_daily_sales"),
            new PartitionRange(java.time.LocalDate.parse("2025-01-10"), java.time.LocalDate.parse("2025-01-13")),
            List.of(sales), mode)));
  }
}
