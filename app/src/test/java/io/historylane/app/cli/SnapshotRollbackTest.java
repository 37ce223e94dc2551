package io.historylane.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.app.Main;
import io.historylane.core.lake.TableChecksum;
import io.historylane.testkit.TestLake;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

/** snapshot rollback undoes a bad backfill, refuses what it must not undo, and can itself be undone. */
class SnapshotRollbackTest {
  private record Run(int exit, String out, String err) {}

  private static Run historylane(TestLake lake, String... args) {
    List<String> all = new ArrayList<>(List.of("--conf", lake.confFile().toString(), "--env", "minio,rollback"));
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(all.toArray(String[]::new), new PrintStream(out), new PrintStream(err), lake.environment());
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void aBadBackfillIsRolledBackAndOtherWritersAreProtected() {
    TestLake lake = TestLake.get().withSample();
    lake.overlay("rollback", """
        tables:
          sales_rb: {kind: fact, iceberg: rollback.sales, source: {debezium: {topic: pg.public.sales}}, keys: [sale_id],
                     event-time: sold_at, chunk: 1mo}
        """);
    assertEquals(0, historylane(lake, "backfill", "facts", "--table", "sales_rb", "--from", "2025-01-01", "--to", "2025-01-08").exit());
    Table table = lake.session().icebergTable("rollback.sales");
    long good = table.currentSnapshot().snapshotId();
    TableChecksum.Sum goodContent = TableChecksum.of(lake.spark().table("lake.rollback.sales"));
    table.manageSnapshots().createTag("before-bad", good).commit();

    // "a bad backfill": another week, committed by historylane
    assertEquals(0, historylane(lake, "backfill", "facts", "--table", "sales_rb", "--from", "2025-01-08", "--to", "2025-01-15").exit());
    table.refresh();
    long bad = table.currentSnapshot().snapshotId();

    Run dry = historylane(lake, "snapshot", "rollback", "--table", "sales_rb", "--to", String.valueOf(good), "--dry-run");
    assertEquals(0, dry.exit(), dry.err());
    assertTrue(dry.out().contains("would roll back rollback.sales: main " + bad + " -> " + good), dry.out());
    table.refresh();
    assertEquals(bad, table.currentSnapshot().snapshotId(), "a dry run changes nothing");

    Run back = historylane(lake, "snapshot", "rollback", "--table", "sales_rb", "--to", "before-bad");
    assertEquals(0, back.exit(), back.err());
    assertEquals(goodContent, TableChecksum.of(lake.spark().table("lake.rollback.sales")));

    Run forward = historylane(lake, "snapshot", "rollback", "--table", "sales_rb", "--to", String.valueOf(bad));
    assertEquals(2, forward.exit(), "the undone snapshot is no longer in main's history: " + forward.out());
    assertTrue(forward.err().contains("is not in the history of rollback.sales's main"), forward.err());

    // another writer's commit is not undone without --force
    lake.spark().sql("DELETE FROM lake.rollback.sales WHERE sale_id % 3 = 0");
    Run refused = historylane(lake, "snapshot", "rollback", "--table", "sales_rb", "--to", String.valueOf(good));
    assertEquals(2, refused.exit());
    assertTrue(refused.err().contains("not made by historylane"), refused.err());
    Run forced = historylane(lake, "snapshot", "rollback", "--table", "sales_rb", "--to", String.valueOf(good), "--force");
    assertEquals(0, forced.exit(), forced.err());
    assertEquals(goodContent, TableChecksum.of(lake.spark().table("lake.rollback.sales")));

    Run paimon = historylane(lake, "snapshot", "rollback", "--table", "cdc_sales", "--to", "1");
    assertEquals(2, paimon.exit());
    assertTrue(paimon.err().contains("Paimon table"), paimon.err());
  }
}
