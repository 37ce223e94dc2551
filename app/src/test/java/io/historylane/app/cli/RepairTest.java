package io.historylane.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.app.Main;
import io.historylane.core.lake.TableChecksum;
import io.historylane.testkit.ChildJvm;
import io.historylane.testkit.S3Server;
import io.historylane.testkit.TestLake;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * repair prints every step's plan and commits nothing with --dry-run; applied, it fixes the range
 * step by step; killed for real mid-way, a rerun with the same repair id skips the steps it had
 * finished and completes the rest.
 */
class RepairTest {
  private static final String OVERLAY = """
      tables:
        sales_r: {kind: fact, iceberg: repair.sales, source: {debezium: {topic: pg.public.sales}}, keys: [sale_id],
                  event-time: sold_at, bucket: {column: provider_id, count: 2}, chunk: 7d}
        dim_r: {kind: scd2, iceberg: repair.dim_employee, source: {debezium: {topic: pg.public.employees}},
                keys: [employee_id], tracked: [role, commission_rate, provider_id],
                type1: [full_name, email, hired_on], ignored: [updated_at]}
      """;

  private record Run(int exit, String out, String err) {}

  private static Run historylane(TestLake lake, String... args) {
    List<String> all = new ArrayList<>(List.of("--conf", lake.confFile().toString(), "--env", "minio,repair"));
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(all.toArray(String[]::new), new PrintStream(out), new PrintStream(err), lake.environment());
    return new Run(exit, out.toString(), err.toString());
  }

  private static long snapshot(TestLake lake, String table) {
    return lake.session().icebergTable(table).currentSnapshot().snapshotId();
  }

  private static final String[] RANGE = {"--from", "2025-01-01", "--to", "2025-02-01"};

  @Test
  void aRepairPlansThenAppliesAndResumesAfterAKill() throws Exception {
    TestLake lake = TestLake.get().withSample();
    lake.overlay("repair", OVERLAY);
    assertEquals(0, historylane(lake, "backfill", "facts", "--table", "sales_r", "--from", "2025-01-01", "--to", "2025-02-01").exit());
    assertEquals(0, historylane(lake, "backfill", "dims", "--table", "dim_r", "--full").exit());
    TableChecksum.Sum good = TableChecksum.of(lake.spark().table("lake.repair.sales"));
    TableChecksum.Sum goodDim = TableChecksum.of(lake.spark().table("lake.repair.dim_employee"));
    // the on-call page: a day of sales is wrong and a dimension lost some versions
    lake.spark().sql("DELETE FROM lake.repair.sales WHERE sold_at >= timestamp_ntz'2025-01-10 00:00:00'"
        + " AND sold_at < timestamp_ntz'2025-01-11 00:00:00'");
    lake.spark().sql("DELETE FROM lake.repair.dim_employee WHERE valid_from >= TIMESTAMP'2025-01-10 00:00:00'"
        + " AND valid_from < TIMESTAMP'2025-01-17 00:00:00'");
    assertTrue(TableChecksum.of(lake.spark().table("lake.repair.dim_employee")).rows() < goodDim.rows(), "a week was lost");
    long salesBroken = snapshot(lake, "repair.sales");
    long dimBroken = snapshot(lake, "repair.dim_employee");

    Run plan = historylane(lake, "repair", "--tables", "sales_r,dim_r", RANGE[0], RANGE[1], RANGE[2], RANGE[3],
        "--repair-id", "inc-1", "--dry-run");
    assertEquals(0, plan.exit(), plan.err());
    assertTrue(plan.out().contains("1. backfill facts sales_r: 1 of 31 days differ from the history"), plan.out());
    assertTrue(plan.out().contains("2025-01-10  history"), plan.out());
    assertTrue(plan.out().contains("2. backfill dims dim_r:"), plan.out());
    assertTrue(plan.out().contains("3. compact sales_r:") && plan.out().contains("4. compact dim_r:"), plan.out());
    assertTrue(plan.out().contains("5. refresh StarRocks: not configured"), plan.out());
    assertEquals(salesBroken, snapshot(lake, "repair.sales"), "a dry run commits nothing");
    assertEquals(dimBroken, snapshot(lake, "repair.dim_employee"));

    // applied in a child JVM, killed for real once the first step is done
    ChildJvm child = ChildJvm.start(lake, Main.class.getName(), List.of("--conf", lake.confFile().toString(), "--env",
            "minio,repair", "repair", "--tables", "sales_r,dim_r", RANGE[0], RANGE[1], RANGE[2], RANGE[3],
            "--repair-id", "inc-1"),
        line -> line.contains("repair inc-1: step backfill:sales_r done"));
    assertNotEquals(0, child.waitFor(10), child.output());
    assertEquals(good, TableChecksum.of(lake.spark().table("lake.repair.sales")), "the first step was committed");
    assertEquals(dimBroken, snapshot(lake, "repair.dim_employee"), "the second step had not begun");

    Run resumed = historylane(lake, "repair", "--tables", "sales_r,dim_r", RANGE[0], RANGE[1], RANGE[2], RANGE[3],
        "--repair-id", "inc-1");
    assertEquals(0, resumed.exit(), resumed.err());
    assertTrue(resumed.out().contains("repair inc-1: backfill:sales_r was done by run"), resumed.out());
    assertEquals(good, TableChecksum.of(lake.spark().table("lake.repair.sales")));
    assertEquals(goodDim, TableChecksum.of(lake.spark().table("lake.repair.dim_employee")), "the dimension is whole again");

    Run again = historylane(lake, "repair", "--tables", "sales_r,dim_r", RANGE[0], RANGE[1], RANGE[2], RANGE[3],
        "--repair-id", "inc-1");
    assertEquals(0, again.exit(), again.err());
    assertEquals(5, again.out().lines().filter(l -> l.contains("was done by run")).count(), again.out());

    // the object store's secret key reached Spark and S3, and nothing a person or a scheduler reads
    for (String text : List.of(plan.out(), plan.err(), resumed.out(), resumed.err(), child.output())) {
      assertTrue(!text.contains(S3Server.SECRET_KEY), "the S3 secret key leaked into the output");
    }
    try (var reports = java.nio.file.Files.list(java.nio.file.Path.of(lake.environmentVariables().get("HISTORYLANE_REPORTS")))) {
      for (java.nio.file.Path report : reports.toList()) {
        assertTrue(!java.nio.file.Files.readString(report).contains(S3Server.SECRET_KEY), "leaked into " + report);
      }
    }
  }

  @Test
  void aBadRangeStopsBeforeAnythingStarts() {
    TestLake lake = TestLake.get();
    lake.overlay("repair", OVERLAY);
    Run bad = historylane(lake, "repair", "--tables", "sales_r", "--from", "2025-02-01", "--to", "2025-01-01");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--from must be before --to"), bad.err());
  }
}
