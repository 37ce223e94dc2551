package io.historylane.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.core.report.ChangeKind;
import io.historylane.core.report.Outcome;
import io.historylane.core.report.RunReport;
import io.historylane.core.report.TableChange;
import io.historylane.core.report.TableReport;
import io.historylane.testkit.TestLake;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code historylane compact} end to end, in-process: plan, run, report and change set. */
class CompactCommandTest {
  private static final String OVERLAY = """
      compaction-policies:
        cli-small: {target-file-size: 32KB, min-input-files: 4, quiet-period: 0s}
      tables:
        cli_events: {kind: table, iceberg: cli.events, compaction: cli-small}
      """;

  @BeforeAll
  static void fixture() {
    TestLake lake = TestLake.get();
    lake.overlay("compact-cli-test", OVERLAY);
    SparkSession spark = lake.spark();
    spark.sql("CREATE NAMESPACE IF NOT EXISTS lake.cli");
    spark.sql("DROP TABLE IF EXISTS lake.cli.events PURGE");
    spark.sql("CREATE TABLE lake.cli.events (id BIGINT, ts TIMESTAMP_NTZ, payload STRING) USING iceberg"
        + " PARTITIONED BY (days(ts)) TBLPROPERTIES ('format-version'='2', 'write.distribution-mode'='none')");
    // 2025-03-01: 6 fragments of one task each; 2025-03-02: one healthy file
    spark.sql("INSERT INTO lake.cli.events SELECT /*+ REPARTITION(6) */ id, timestamp_ntz'2025-03-01 10:00:00',"
        + " sha2(CAST(id AS STRING), 256) FROM range(0, 300)");
    spark.sql("INSERT INTO lake.cli.events SELECT /*+ REPARTITION(1) */ id, timestamp_ntz'2025-03-02 10:00:00',"
        + " sha2(CAST(id AS STRING), 256) FROM range(1000, 1900)");
  }

  private static CliRun run(String... args) {
    return CliRun.of("compact-cli-test", args);
  }

  @Test
  void dryRunPrintsThePlanAndCompactingReportsALayoutChange() {
    CliRun dry = run("compact", "--tables", "cli_*", "--dry-run");
    assertEquals(0, dry.exit(), dry.err());
    assertTrue(dry.out().contains("plan for cli_events"), dry.out());
    assertTrue(dry.out().contains("ts_day=2025-03-01") && dry.out().contains("planned"), dry.out());
    assertTrue(dry.out().contains("would compact: 1 of 2 partitions"), dry.out());
    RunReport planned = dry.report();
    assertEquals(Outcome.DRY_RUN, planned.outcome());
    assertTrue(planned.changeSet().isEmpty(), "a dry run changes nothing");
    assertEquals(7L, planned.tables().get(0).counters().get("files_before"), "6 fragments and 1 healthy file");

    CliRun ran = run("compact", "--tables", "cli_events");
    assertEquals(0, ran.exit(), ran.err());
    RunReport report = ran.report();
    TableReport table = report.tables().get(0);
    assertEquals(List.of("ts_day=2025-03-01"), table.partitions());
    assertEquals(1L, table.counters().get("partitions_compacted"));
    assertEquals(2L, table.counters().get("files_after"), "1 compacted + 1 healthy file");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> partitions = (List<Map<String, Object>>) table.details().get("partitions");
    @SuppressWarnings("unchecked")
    Map<String, Object> after = (Map<String, Object>) partitions.get(0).get("after");
    assertEquals(100, after.get("health"));
    TableChange change = report.changeSet().changes().get(0);
    assertEquals(ChangeKind.LAYOUT, change.kind(), "layout only: no materialized view refresh");
    assertEquals(List.of(LocalDate.parse("2025-03-01")), change.days());
    assertEquals(table.snapshotAfter(), change.snapshotId());

    CliRun again = run("compact", "--tables", "cli_events");
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.report().changeSet().isEmpty(), "nothing rewritten, nothing to refresh");
  }

  @Test
  void badInputIsAOneLineErrorWithExitTwo() {
    CliRun unknown = run("compact", "--tables", "no_such_table");
    assertEquals(2, unknown.exit());
    assertTrue(unknown.err().contains("unknown table 'no_such_table'"), unknown.err());
    CliRun empty = run("compact", "--tables", "cli_events", "--from", "2025-03-02", "--to", "2025-03-01");
    assertEquals(2, empty.exit());
    assertTrue(empty.err().contains("is empty"), empty.err());
  }
}
