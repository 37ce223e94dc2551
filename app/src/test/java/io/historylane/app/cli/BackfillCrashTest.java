package io.historylane.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.app.Main;
import io.historylane.core.lake.TableChecksum;
import io.historylane.core.report.RunReport;
import io.historylane.testkit.ChildJvm;
import io.historylane.testkit.TestLake;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * A fact backfill killed for real (SIGKILL) after chunk 3 of n resumes: the rerun skips the chunks
 * already committed and the table equals an uninterrupted run, no key twice.
 */
class BackfillCrashTest {
  private static final String OVERLAY = """
      tables:
        sales_crash: {kind: fact, iceberg: crash.sales, source: {debezium: {topic: pg.public.sales}}, keys: [sale_id],
                      event-time: sold_at, bucket: {column: provider_id, count: 2}, chunk: 7d}
        sales_whole: {kind: fact, iceberg: crash.sales_whole, source: {debezium: {topic: pg.public.sales}},
                      keys: [sale_id], event-time: sold_at, bucket: {column: provider_id, count: 2}, chunk: 7d}
      """;

  private static List<String> args(TestLake lake, String table) {
    return List.of("--conf", lake.confFile().toString(), "--env", "minio,crash", "backfill", "facts", "--table", table,
        "--from", "2024-12-01", "--to", "2025-02-01");
  }

  @Test
  void aKilledBackfillResumesAndEqualsAnUninterruptedRun() throws Exception {
    TestLake lake = TestLake.get().withSample();
    lake.overlay("crash", OVERLAY);

    ChildJvm child = ChildJvm.start(lake, Main.class.getName(), args(lake, "sales_crash"),
        line -> line.contains("chunk 3/") && line.contains(" committed:"));
    int killed = child.waitFor(10);
    assertNotEquals(0, killed, "the child was killed, not finished:\n" + child.output());
    assertTrue(child.output().contains("chunk 3/"), child.output());
    assertTrue(!child.output().contains("chunk 4/") || !child.output().contains("backfill facts: succeeded"), child.output());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int resumed = Main.run(args(lake, "sales_crash").toArray(String[]::new), new PrintStream(out), new PrintStream(err),
        lake.environment());
    assertEquals(0, resumed, err.toString());
    RunReport report = RunReport.read(reportPath(err.toString()));
    long skipped = report.tables().get(0).counters().get("chunks_skipped_same_inputs");
    assertTrue(skipped >= 3, "the chunks committed before the kill are skipped: " + report.tables().get(0).counters());

    assertEquals(0, Main.run(args(lake, "sales_whole").toArray(String[]::new), new PrintStream(out),
        new PrintStream(err), lake.environment()), err.toString());
    Dataset<Row> crashed = lake.spark().table("lake.crash.sales");
    Dataset<Row> whole = lake.spark().table("lake.crash.sales_whole");
    assertEquals(TableChecksum.of(whole), TableChecksum.of(crashed));
    assertEquals(crashed.count(), crashed.select("sale_id").distinct().count(), "no key twice");
  }

  private static Path reportPath(String stderr) {
    List<String> lines = new ArrayList<>(stderr.lines().filter(l -> l.contains("report: ")).toList());
    assertTrue(!lines.isEmpty(), stderr);
    String last = lines.get(lines.size() - 1);
    return Path.of(last.substring(last.indexOf("report: ") + 8).trim());
  }
}
