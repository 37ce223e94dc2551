package io.historylane.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.core.report.Outcome;
import io.historylane.core.report.RunReport;
import io.historylane.testkit.TestLake;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hygiene commands end to end, in-process: orphans into quarantine and back, purge, expire, dropped tables. */
class HygieneCommandTest {
  private static final String OVERLAY = """
      tables:
        cli_hygiene: {kind: table, iceberg: cli.hygiene}
      """;
  private static final String ORPHAN = "iceberg/cli/hygiene/data/stray-writer-output.parquet";

  @BeforeAll
  static void fixture() throws IOException {
    TestLake lake = TestLake.get();
    lake.overlay("hygiene-cli-test", OVERLAY);
    SparkSession spark = lake.spark();
    spark.sql("CREATE NAMESPACE IF NOT EXISTS lake.cli");
    spark.sql("DROP TABLE IF EXISTS lake.cli.hygiene PURGE");
    spark.sql("CREATE TABLE lake.cli.hygiene (id BIGINT) USING iceberg TBLPROPERTIES ('format-version'='2')");
    spark.sql("INSERT INTO lake.cli.hygiene SELECT id FROM range(0, 10)");
    Path orphan = new Path("s3a://lake/" + ORPHAN);
    FileSystem fs = orphan.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (OutputStream out = fs.create(orphan, true)) {
      out.write("not referenced by any snapshot".getBytes());
    }
    lake.s3().setLastModified(TestLake.BUCKET, ORPHAN, Instant.now().minus(Duration.ofDays(7)));
  }

  private static CliRun run(String... args) {
    return CliRun.of("hygiene-cli-test", args);
  }

  private static boolean orphanInPlace() {
    return Files.isRegularFile(TestLake.get().s3().objectFile(TestLake.BUCKET, ORPHAN));
  }

  @Test
  void orphansMoveIntoQuarantineComeBackAndArePurgedLater() {
    CliRun dry = run("hygiene", "orphans", "--tables", "cli_hygiene", "--dry-run");
    assertEquals(0, dry.exit(), dry.err());
    assertTrue(dry.out().contains("stray-writer-output.parquet"), dry.out());
    assertTrue(orphanInPlace());

    CliRun sweep = run("hygiene", "orphans", "--tables", "cli_hygiene");
    assertEquals(0, sweep.exit(), sweep.err());
    assertFalse(orphanInPlace(), "moved");
    RunReport report = sweep.report();
    assertEquals(1L, report.tables().get(0).counters().get("orphan_files"));
    assertTrue(sweep.out().contains("historylane hygiene restore --run " + report.runId()), sweep.out());

    CliRun purgeDry = run("hygiene", "purge", "--older-than", "30d", "--dry-run");
    assertEquals(0, purgeDry.exit(), purgeDry.err());
    assertFalse(purgeDry.out().contains(report.runId()), "moved just now: not 30 days in quarantine");

    CliRun restore = run("hygiene", "restore", "--run", report.runId());
    assertEquals(0, restore.exit(), restore.err());
    assertTrue(orphanInPlace(), "restored");
    assertTrue(restore.out().contains("restored 1 files"), restore.out());

    CliRun purge = run("hygiene", "purge", "--older-than", "0s");
    assertEquals(0, purge.exit(), purge.err());
    assertTrue(purge.out().contains(report.runId()), purge.out());
    assertEquals(2, run("hygiene", "restore", "--run", report.runId()).exit(), "purged for good: an unknown run");
  }

  @Test
  void unsafeOrMalformedArgumentsAreBadInput() {
    CliRun young = run("hygiene", "orphans", "--tables", "cli_hygiene", "--min-age", "1d");
    assertEquals(2, young.exit());
    assertTrue(young.err().contains("--i-know-orphan-age-is-unsafe"), young.err());
    CliRun malformed = run("hygiene", "purge", "--older-than", "soon");
    assertEquals(2, malformed.exit());
    assertTrue(malformed.err().contains("is not a duration"), malformed.err());
  }

  @Test
  void expireAndDroppedTablesReport() {
    CliRun expire = run("hygiene", "expire", "--tables", "cli_hygiene", "--dry-run");
    assertEquals(0, expire.exit(), expire.err());
    assertEquals(Outcome.DRY_RUN, expire.report().outcome());
    assertTrue(expire.out().contains("would expire 0 snapshots of cli_hygiene"), expire.out());
    CliRun dropped = run("hygiene", "dropped-tables");
    assertEquals(0, dropped.exit(), dropped.err());
    assertTrue(dropped.out().contains("prefixes no catalog table owns"), dropped.out());
    assertFalse(dropped.out().contains("iceberg/cli/hygiene"), "a live table is not a dropped one");
  }
}
