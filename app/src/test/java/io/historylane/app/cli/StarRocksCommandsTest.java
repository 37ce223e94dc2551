package io.historylane.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.historylane.app.Main;
import io.historylane.core.config.Environment;
import io.historylane.core.report.ChangeKind;
import io.historylane.core.report.ChangeSet;
import io.historylane.core.report.Json;
import io.historylane.core.report.Outcome;
import io.historylane.core.report.RunReport;
import io.historylane.core.report.TableChange;
import io.historylane.starrocks.testing.FakeStarRocks;
import io.historylane.testkit.TestLake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI end to end with StarRocks configured: the lake is the test lake (in-JVM S3, real Iceberg),
 * StarRocks is the stand-in FE speaking the MySQL protocol, commands run in-process through
 * {@link Main#run}, exactly as bin/historylane runs them.
 */
class StarRocksCommandsTest {
  private static final String EXTERNAL = "REFRESH EXTERNAL TABLE `iceberg_lake`.`history`.`sales`";
  private static final String JANUARY_MV = "REFRESH MATERIALIZED VIEW `analytics`.`mv_daily_sales`"
      + " PARTITION START ('2025-01-10') END ('2025-01-13') WITH SYNC MODE";
  private static final Pattern REPORT = Pattern.compile("report: (\\S+)");
  private static TestLake lake;

  @TempDir Path dir;
  private final FakeStarRocks fe = FakeStarRocks.start().table("iceberg_lake.history.sales", 3)
      .materializedView("analytics.mv_daily_sales");

  private record Run(int exit, String out, String err, Path report) {
    JsonNode json() {
      try {
        return Json.mapper().readTree(Files.readString(report));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @BeforeAll
  static void lake() {
    lake = TestLake.get().withSample();
    lake.overlay("starrocks-test", """
        starrocks:
          url: ${STARROCKS_URL}
          user: historylane
          password-env: STARROCKS_PASSWORD
          iceberg-catalog: iceberg_lake
          mode: sync
          poll-interval: 20ms
          retries: 1
        tables:
          sales:
            starrocks:
              materialized-views: [{name: analytics.mv_daily_sales, granularity: day}]
        """);
  }

  @AfterEach
  void stop() {
    fe.close();
  }

  @Test
  void aBackfillSendsExactlyTheChangedPartitionsAFailedRefreshExitsThreeAndRefreshFinishesIt() {
    String[] january = {"backfill", "facts", "--table", "sales", "--from", "2025-01-01", "--to", "2025-02-01"};
    Run first = run(FakeStarRocks.PASSWORD, append(january, "--no-refresh"));
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().contains("StarRocks not refreshed (--no-refresh)"), first.out());
    assertEquals(List.of(), fe.statements());

    // two days go missing from the table: the next backfill rewrites exactly those two
    lake.spark().sql("DELETE FROM lake.history.sales WHERE (sold_at >= timestamp_ntz'2025-01-10 00:00:00'"
        + " AND sold_at < timestamp_ntz'2025-01-11 00:00:00') OR (sold_at >= timestamp_ntz'2025-01-12 00:00:00'"
        + " AND sold_at < timestamp_ntz'2025-01-13 00:00:00')");
    fe.failRefreshes(1, "Cannot find snapshot with ID 4711");
    Run repair = run(FakeStarRocks.PASSWORD, january);

    assertEquals(3, repair.exit(), repair.err());
    assertEquals(List.of(EXTERNAL, JANUARY_MV), fe.statements());
    assertTrue(repair.err().contains("FAILED " + JANUARY_MV + ": execute task mv-1 failed: Cannot find snapshot with ID 4711"),
        repair.err());
    assertTrue(repair.err().contains("to finish the refresh: historylane refresh --report " + repair.report()), repair.err());
    JsonNode report = repair.json();
    assertEquals("FOLLOW_UP_FAILED", report.get("outcome").asText());
    assertEquals(3, report.get("exit_code").asInt());
    assertEquals("[\"2025-01-10\",\"2025-01-12\"]", report.at("/change_set/changes/0/days").toString());
    JsonNode statements = report.at("/details/starrocks_refresh/statements");
    assertEquals("SUCCEEDED", statements.get(0).get("status").asText());
    assertEquals("FAILED", statements.get(1).get("status").asText());
    assertEquals(1064, statements.get(1).get("error_code").asInt());

    Run finish = run(FakeStarRocks.PASSWORD, "refresh", "--report", repair.report().toString());
    assertEquals(0, finish.exit(), finish.err());
    assertEquals(List.of(EXTERNAL, JANUARY_MV, EXTERNAL, JANUARY_MV), fe.statements());
    assertEquals("[\"SUCCEEDED\",\"SUCCEEDED\"]", statuses(finish.json()));

    int logins = fe.logins();
    Run again = run(FakeStarRocks.PASSWORD, january);
    assertEquals(0, again.exit(), again.err());
    assertEquals(4, fe.statements().size(), "a rerun with no change sends nothing");
    assertEquals(logins, fe.logins(), "and does not even connect");

    for (Run r : List.of(first, repair, finish, again)) {
      String everything = r.out() + r.err() + r.json() + String.join(" ", lake.environmentVariables().keySet());
      assertFalse(everything.contains(FakeStarRocks.PASSWORD), "the StarRocks password never shows");
    }
  }

  @Test
  void aCompactionReportRefreshesOnlyTheExternalTable() {
    Path report = writeReport(new TableChange("sales", "history.sales", "iceberg", ChangeKind.LAYOUT,
        List.of(LocalDate.parse("2025-01-10")), 12L));

    Run dry = run(FakeStarRocks.PASSWORD, "refresh", "--report", report.toString(), "--dry-run");
    assertEquals(0, dry.exit(), dry.err());
    assertTrue(dry.out().contains("planned") && dry.out().contains(EXTERNAL), dry.out());
    assertEquals(0, fe.logins(), "a dry run sends nothing");

    Run run = run(FakeStarRocks.PASSWORD, "refresh", "--report", report.toString());
    assertEquals(0, run.exit(), run.err());
    assertEquals(List.of(EXTERNAL), fe.statements());
  }

  @Test
  void aWrongPasswordFailsTheRefreshWithExitOneAndSendsNothing() {
    Path report = writeReport(new TableChange("sales", "history.sales", "iceberg", ChangeKind.LAYOUT, List.of(), 12L));
    Run run = run("not-the-password", "refresh", "--report", report.toString());

    assertEquals(1, run.exit());
    assertTrue(run.err().contains("Access denied for user 'historylane'"), run.err());
    assertEquals(List.of(), fe.statements());
  }

  @Test
  void namesCarryingSqlFromAReportOrTheConfigAreRejectedAndNothingIsSent() throws IOException {
    Path evil = writeReport(new TableChange("evil", "history.x`; DROP TABLE users; --", "iceberg", ChangeKind.DATA,
        List.of(), 1L));
    Run fromReport = run(FakeStarRocks.PASSWORD, "refresh", "--report", evil.toString());
    assertEquals(2, fromReport.exit());
    assertTrue(fromReport.err().contains("'x`; DROP TABLE users; --' is not a plain identifier"), fromReport.err());

    Files.writeString(lake.confFile().resolveSibling("env").resolve("evil-names.yaml"),
        "tables:\n  sales:\n    starrocks:\n      table: \"sales; DROP TABLE users\"\n");
    Path report = writeReport(new TableChange("sales", "history.sales", "iceberg", ChangeKind.DATA, List.of(), 1L));
    Run fromConfig = runEnv("minio,starrocks-test,evil-names", FakeStarRocks.PASSWORD, "refresh", "--report", report.toString());
    assertEquals(2, fromConfig.exit());
    assertTrue(fromConfig.err().contains("tables.sales.starrocks.table"), fromConfig.err());

    assertEquals(0, fe.wire().loginAttempts());
  }

  @Test
  void viewsFlipChecksTheTargetAndKeepsThePreviousDefinition() {
    String before = "CREATE VIEW `vw_sales` AS SELECT * FROM `iceberg_lake`.`history`.`sales`";
    fe.table("iceberg_lake.history.sales_v2", 10).view("analytics.vw_sales", before);

    Run flip = run(FakeStarRocks.PASSWORD, "views", "flip", "analytics.vw_sales", "--to", "iceberg_lake.history.sales_v2");
    assertEquals(0, flip.exit(), flip.err());
    assertEquals(before, flip.json().at("/details/view_flip/previous_definition").asText());
    assertEquals("ALTER VIEW `analytics`.`vw_sales` AS SELECT * FROM `iceberg_lake`.`history`.`sales_v2`",
        fe.statements().get(fe.statements().size() - 1));

    Run unknown = run(FakeStarRocks.PASSWORD, "views", "flip", "analytics.vw_other", "--to", "iceberg_lake.history.sales_v2");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("view analytics.vw_other is not registered"), unknown.err());
  }

  private Path writeReport(TableChange change) {
    Instant now = Instant.now();
    RunReport report = new RunReport("20250201T000000Z-compact-test", "compact", List.of(), "minio", "test", now, now, 0,
        Outcome.SUCCEEDED, 0, null, List.of(), List.of(), new ChangeSet(List.of(change)), Map.of());
    Path file = dir.resolve("source-report.json");
    report.write(file);
    return file;
  }

  private static String statuses(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.at("/details/starrocks_refresh/statements").forEach(s -> out.add(s.get("status").asText()));
    return Json.mapper().valueToTree(out).toString();
  }

  private Run run(String password, String... args) {
    return runEnv("minio,starrocks-test", password, args);
  }

  private Run runEnv(String envs, String password, String... args) {
    Map<String, String> env = new HashMap<>(lake.environmentVariables());
    env.put("STARROCKS_URL", fe.url());
    env.put("STARROCKS_PASSWORD", password);
    List<String> all = new ArrayList<>(List.of("--conf", lake.confFile().toString(), "--env", envs));
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(all.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Environment.of(env));
    String errText = err.toString(StandardCharsets.UTF_8);
    Matcher m = REPORT.matcher(errText);
    Path report = null;
    while (m.find()) {
      report = Path.of(m.group(1));
    }
    return new Run(exit, out.toString(StandardCharsets.UTF_8), errText, report);
  }

  private static String[] append(String[] args, String more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = more;
    return all;
  }
}
