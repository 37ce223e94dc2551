package io.historylane.starrocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.historylane.core.config.SecretValue;
import io.historylane.core.config.StarRocksConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Against a real StarRocks FE, when one is given (README, "Testing against a real StarRocks"):
 * {@code mvn -pl starrocks -am test -Dtest=RealStarRocksTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dstarrocks.url=jdbc:mysql://fe:9030/ [-Dstarrocks.table=catalog.db.table]} with the login in
 * STARROCKS_USER / STARROCKS_PASSWORD. Proves that what the stand-in answers is what StarRocks answers.
 */
@EnabledIfSystemProperty(named = "starrocks.url", matches = ".+")
class RealStarRocksTest {

  @Test
  void taskRunsHasTheColumnsTheWatcherReads() {
    try (StarRocksSession session = new StarRocksSession(config())) {
      assertEquals(List.of(), session.query(TaskRunWatcher.BY_QUERY_ID, "no-such-query-id"));
      assertEquals(List.of(), session.query(TaskRunWatcher.BY_JOB_ID, "no-such-job-id"));
    }
  }

  @Test
  void anUnknownCatalogIsClassifiedAsUnknown() {
    SqlName missing = SqlName.of("test", "historylane_no_such_catalog", "db", "t");
    RefreshResult result = StarRocksRefresh.to(config())
        .plan(new RefreshPlan(List.of(RefreshStatement.externalTable(missing)))).execute();
    StatementOutcome outcome = result.statements().get(0);
    assertEquals(StatementOutcome.Status.FAILED, outcome.status());
    assertTrue(outcome.advice().contains("SHOW CATALOGS"), outcome.error() + " / " + outcome.advice());
  }

  @Test
  void aGivenExternalTableRefreshes() {
    String table = System.getProperty("starrocks.table");
    assumeTrue(table != null && !table.isBlank(), "-Dstarrocks.table=catalog.db.table not given");
    RefreshResult result = StarRocksRefresh.to(config())
        .plan(new RefreshPlan(List.of(RefreshStatement.externalTable(SqlName.parse("starrocks.table", table, 3, 3)))))
        .execute();
    assertTrue(result.allSucceeded(), result.toString());
  }

  private static StarRocksConfig config() {
    String password = System.getenv().getOrDefault("STARROCKS_PASSWORD", "");
    return new StarRocksConfig(System.getProperty("starrocks.url"), System.getenv().getOrDefault("STARROCKS_USER", "root"),
        password.isEmpty() ? null : new SecretValue(password, "env STARROCKS_PASSWORD"), null, null, null,
        StarRocksConfig.Mode.SYNC, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(4),
        Duration.ofSeconds(1), 2);
  }
}
