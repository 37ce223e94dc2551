package io.historylane.starrocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.core.config.SecretValue;
import io.historylane.core.config.StarRocksConfig;
import io.historylane.core.config.StarRocksConfig.Mode;
import io.historylane.starrocks.StatementOutcome.Status;
import io.historylane.starrocks.testing.FakeStarRocks;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The refresh against a server that answers as StarRocks does: the exact statements, errors and task runs. */
class StarRocksRefreshTest {
  static final String EXTERNAL = "REFRESH EXTERNAL TABLE `iceberg_lake`.`history`.`sales`";
  static final String MV = "REFRESH MATERIALIZED VIEW `analytics`.`mv_daily_sales` PARTITION START ('2025-01-10') END ('2025-01-13')";
  static final String BY_QUERY = "SELECT QUERY_ID, JOB_ID, STATE, ERROR_CODE, ERROR_MESSAGE FROM information_schema.task_runs"
      + " WHERE QUERY_ID = '5a1c0de0-0001-11ef-8000-00163e0e0e0e'";
  static final String BY_JOB = "SELECT QUERY_ID, JOB_ID, STATE, ERROR_CODE, ERROR_MESSAGE FROM information_schema.task_runs"
      + " WHERE JOB_ID = 'job-1'";

  private final FakeStarRocks fe = FakeStarRocks.start()
      .table("iceberg_lake.history.sales").materializedView("analytics.mv_daily_sales");

  @AfterEach
  void stop() {
    fe.close();
  }

  @Test
  void asyncRefreshPollsTaskRunsByQueryIdThenJobUntilSuccess() {
    fe.taskRunPolls(List.of("PENDING"), List.of("RUNNING"), List.of("RUNNING"), List.of("SUCCESS"));
    RefreshResult result = refresh(Mode.ASYNC, false);

    assertEquals(List.of(EXTERNAL, MV, BY_QUERY, BY_JOB, BY_JOB, BY_JOB), fe.statements());
    assertTrue(result.allSucceeded());
    assertEquals(List.of(Status.SUCCEEDED, Status.SUCCEEDED), statuses(result));
    assertEquals("5a1c0de0-0001-11ef-8000-00163e0e0e0e", result.statements().get(1).taskRunId());
  }

  @Test
  void aRefreshSplitIntoSeveralTaskRunsWaitsForTheWholeJob() {
    fe.taskRunPolls(List.of("SUCCESS", "RUNNING"), List.of("SUCCESS", "RUNNING"), List.of("SUCCESS", "SUCCESS"));
    RefreshResult result = refresh(Mode.ASYNC, false);

    // the first run is done at the first poll, but its job's second run is not: polling goes on by JOB_ID
    assertEquals(List.of(EXTERNAL, MV, BY_QUERY, BY_JOB, BY_JOB), fe.statements());
    assertTrue(result.allSucceeded());
  }

  @Test
  void aFailedTaskRunFailsTheStatementWithTheTaskRunsError() {
    fe.failRefreshes(1, "Cannot find snapshot with ID 4711");
    RefreshResult result = refresh(Mode.ASYNC, false);

    StatementOutcome mv = result.statements().get(1);
    assertEquals(Status.FAILED, mv.status());
    assertTrue(mv.error().contains("Cannot find snapshot with ID 4711"), mv.error());
    assertEquals(-1, mv.errorCode());
    assertEquals(Status.SUCCEEDED, result.statements().get(0).status());
    assertEquals(List.of(mv), result.unfinished());
  }

  @Test
  void syncModeWaitsInTheStatementAndSendsNoPoll() {
    fe.slow(300);
    RefreshResult result = refresh(Mode.SYNC, false);

    assertEquals(List.of(EXTERNAL, MV + " WITH SYNC MODE"), fe.statements());
    assertTrue(result.allSucceeded());
    assertTrue(result.statements().get(1).durationMs() >= 300);
  }

  @Test
  void syncModeFailureComesBackAsTheStatementsError() {
    fe.failRefreshes(1, "Memory of process exceed limit");
    RefreshResult result = refresh(Mode.SYNC, false);

    StatementOutcome mv = result.statements().get(1);
    assertEquals(Status.FAILED, mv.status());
    assertEquals("execute task mv-1 failed: Memory of process exceed limit", mv.error());
    assertEquals(1064, mv.errorCode());
  }

  @Test
  void aDroppedConnectionIsRetriedOnANewConnection() {
    fe.dropNext(1);
    RefreshResult result = refresh(Mode.SYNC, false);

    assertEquals(List.of(EXTERNAL, EXTERNAL, MV + " WITH SYNC MODE"), fe.statements());
    assertEquals(2, fe.logins());
    assertTrue(result.allSucceeded());
  }

  @Test
  void aServerSlowerThanTheSocketTimeoutFailsAfterBoundedRetriesAndNothingMoreIsSent() {
    fe.slow(1500);
    StarRocksConfig impatient = new StarRocksConfig(fe.url(), FakeStarRocks.USER, password(), null, "iceberg_lake", null,
        Mode.SYNC, Duration.ofSeconds(2), Duration.ofMillis(400), Duration.ofMillis(300), Duration.ofMillis(20), 2);
    RefreshResult result = StarRocksRefresh.to(impatient).plan(salesPlan(Mode.SYNC)).execute();

    assertEquals(List.of(EXTERNAL, EXTERNAL, EXTERNAL), fe.statements(), "one try and two retries");
    StatementOutcome external = result.statements().get(0);
    assertEquals(Status.FAILED, external.status());
    assertEquals("08S01", external.sqlState());
    assertTrue(external.advice().contains("could not be reached"), external.advice());
    assertEquals(Status.SKIPPED, result.statements().get(1).status());
  }

  @Test
  void anUnreachableFeFailsAfterBoundedRetriesWithBackoff() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    long start = System.nanoTime();
    RefreshResult result = StarRocksRefresh.to(config("jdbc:mysql://127.0.0.1:" + closedPort + "/", Mode.ASYNC))
        .plan(salesPlan(Mode.ASYNC)).execute();

    assertEquals(List.of(Status.FAILED, Status.SKIPPED), statuses(result));
    assertEquals("08S01", result.statements().get(0).sqlState());
    // two retries, waiting 20 ms then 31 ms: bounded, and not instant
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 50);
  }

  @Test
  void aWrongPasswordIsNotRetriedAndSendsNothing() {
    StarRocksConfig wrong = new StarRocksConfig(fe.url(), FakeStarRocks.USER, new SecretValue("not-the-password", "env X"),
        null, "iceberg_lake", null, Mode.ASYNC, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(3),
        Duration.ofMillis(20), 3);
    RefreshResult result = StarRocksRefresh.to(wrong).plan(salesPlan(Mode.ASYNC)).execute();

    assertEquals(List.of(), fe.statements());
    assertEquals(1, fe.wire().loginAttempts(), "a refused login is not retried");
    StatementOutcome first = result.statements().get(0);
    assertEquals(Status.FAILED, first.status());
    assertEquals(1045, first.errorCode());
    assertEquals("28000", first.sqlState());
    assertTrue(first.error().startsWith("Access denied for user 'historylane'"), first.error());
    assertFalse(first.error().contains("not-the-password"));
    assertEquals(Status.SKIPPED, result.statements().get(1).status());
  }

  @Test
  void anUnknownCatalogFailsItsTableAndSkipsTheMvThatReadsIt() {
    SqlName missing = SqlName.of("test", "no_such_catalog", "history", "sales");
    RefreshPlan plan = new RefreshPlan(List.of(RefreshStatement.externalTable(missing),
        RefreshStatement.materializedView(SqlName.of("test", "analytics", "mv_daily_sales"), null, List.of(missing),
            Mode.ASYNC)));
    RefreshResult result = StarRocksRefresh.to(config(fe.url(), Mode.ASYNC)).plan(plan).execute();

    assertEquals(List.of("REFRESH EXTERNAL TABLE `no_such_catalog`.`history`.`sales`"), fe.statements());
    StatementOutcome table = result.statements().get(0);
    assertEquals(5078, table.errorCode());
    assertEquals("Unknown catalog 'no_such_catalog'", table.error());
    assertTrue(table.advice().contains("SHOW CATALOGS"), table.advice());
    assertEquals(Status.SKIPPED, result.statements().get(1).status());
  }

  @Test
  void anUnknownTableIsReportedWithStarRocksCodeAndText() {
    fe.table("iceberg_lake.history.other");
    SqlName missing = SqlName.of("test", "iceberg_lake", "history", "gone");
    RefreshResult result = StarRocksRefresh.to(config(fe.url(), Mode.ASYNC))
        .plan(new RefreshPlan(List.of(RefreshStatement.externalTable(missing)))).execute();

    StatementOutcome table = result.statements().get(0);
    assertEquals(5502, table.errorCode());
    assertEquals("42602", table.sqlState());
    assertEquals("Getting analyzing error. Detail message: Unknown table 'history.gone'.", table.error());
  }

  @Test
  void anInactiveMvFailsWithTheActivateAdvice() {
    fe.inactiveMaterializedView("analytics.mv_daily_sales");
    RefreshResult result = refresh(Mode.ASYNC, false);

    assertEquals(List.of(EXTERNAL, MV), fe.statements());
    StatementOutcome mv = result.statements().get(1);
    assertEquals(Status.FAILED, mv.status());
    assertTrue(mv.error().contains("is not active"), mv.error());
    assertTrue(mv.advice().contains("ALTER MATERIALIZED VIEW analytics.mv_daily_sales ACTIVE"), mv.advice());
    assertTrue(mv.advice().contains("--activate"), mv.advice());
  }

  @Test
  void activateReactivatesAnInactiveMvAndRefreshesIt() {
    fe.inactiveMaterializedView("analytics.mv_daily_sales");
    RefreshResult result = refresh(Mode.SYNC, true);

    assertEquals(List.of(EXTERNAL, MV + " WITH SYNC MODE", "ALTER MATERIALIZED VIEW `analytics`.`mv_daily_sales` ACTIVE",
        MV + " WITH SYNC MODE"), fe.statements());
    assertEquals(List.of(Status.SUCCEEDED, Status.FAILED, Status.SUCCEEDED, Status.SUCCEEDED), statuses(result));
    assertTrue(result.unfinished().stream().allMatch(s -> s.sql().startsWith("REFRESH MATERIALIZED")));
  }

  @Test
  void aDryRunAndAnEmptyPlanOpenNoConnection() {
    RefreshResult dry = StarRocksRefresh.to(config(fe.url(), Mode.ASYNC)).plan(salesPlan(Mode.ASYNC)).dryRun(true).execute();
    RefreshResult empty = StarRocksRefresh.to(config(fe.url(), Mode.ASYNC)).plan(new RefreshPlan(List.of())).execute();

    assertEquals(List.of(Status.PLANNED, Status.PLANNED), statuses(dry));
    assertEquals(List.of(EXTERNAL, MV), dry.statements().stream().map(StatementOutcome::sql).toList());
    assertTrue(empty.statements().isEmpty());
    assertEquals(0, fe.logins());
  }

  @Test
  void aClientAskingForCachingSha2IsSwitchedToNativePassword() {
    StarRocksConfig sha2 = config(fe.url() + "?defaultAuthenticationPlugin=caching_sha2_password", Mode.SYNC);
    RefreshResult result = StarRocksRefresh.to(sha2).plan(salesPlan(Mode.SYNC)).execute();

    assertTrue(result.allSucceeded());
    assertEquals(1, fe.wire().authSwitches());
  }

  private RefreshResult refresh(Mode mode, boolean activate) {
    return StarRocksRefresh.to(config(fe.url(), mode)).plan(salesPlan(mode)).activate(activate).execute();
  }

  private static List<Status> statuses(RefreshResult result) {
    return result.statements().stream().map(StatementOutcome::status).toList();
  }

  private static SecretValue password() {
    return new SecretValue(FakeStarRocks.PASSWORD, "env STARROCKS_PASSWORD");
  }

  static StarRocksConfig config(String url, Mode mode) {
    return new StarRocksConfig(url, FakeStarRocks.USER, password(), null, "iceberg_lake", "paimon_lake", mode,
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMillis(20), 2);
  }

  static RefreshPlan salesPlan(Mode mode) {
    SqlName sales = SqlName.of("test", "iceberg_lake", "history", "sales");
    return new RefreshPlan(List.of(RefreshStatement.externalTable(sales),
        RefreshStatement.materializedView(SqlName.of("test", "analytics", "mv_daily_sales"),
            new PartitionRange(LocalDate.parse("2025-01-10"), LocalDate.parse("2025-01-13")), List.of(sales), mode)));
  }
}
