package io.historylane.compaction;

import static io.historylane.compaction.testing.MaintenanceLake.hoursLater;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.compaction.PartitionOutcome.Status;
import io.historylane.compaction.plan.TablePlan;
import io.historylane.compaction.testing.IcebergFixtures;
import io.historylane.compaction.testing.MaintenanceLake;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.lake.TableChecksum;
import io.historylane.core.session.LakehouseSession;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.iceberg.exceptions.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * A writer appending and deleting in the table while compaction runs. Every write goes to a twin
 * table too, which nobody compacts: at the end both must hold the same rows (none lost, none
 * resurrected), and the conflicts must be reported, not swallowed.
 */
class ConcurrentWriterCompactionTest {
  private static final String DAY1 = "2025-01-01";
  private static final String DAY3 = "2025-01-03";

  private static void fragmented(String... tables) {
    for (String t : tables) {
      IcebergFixtures.create(t);
      IcebergFixtures.append(t, 0, 960, 8, DAY1, DAY3);
    }
  }

  private static void everywhere(List<String> tables, java.util.function.Consumer<String> write) {
    tables.forEach(write);
  }

  private static void withRetries(Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (ValidationException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static TableChecksum.Sum content(String table) {
    return TableChecksum.of(MaintenanceLake.spark().table("lake." + table));
  }

  @Test
  void aWriterDeletingAndAppendingMeanwhileLosesAndResurrectsNothing() throws Exception {
    LakehouseSession session = MaintenanceLake.session();
    List<String> both = List.of("maint.race_events", "maint.race_twin");
    fragmented("maint.race_events", "maint.race_twin");

    Compactor compactor = CompactTable.of(session, "race_events").clock(hoursLater(2)).runId("t-race").compactor();
    TablePlan plan = compactor.plan();
    assertEquals(4, plan.withWork().size());

    // between plan and commit: position deletes on the very files the plan rewrites, and appends
    everywhere(both, t -> IcebergFixtures.delete(t, DAY1, "id % 5 = 0"));
    everywhere(both, t -> IcebergFixtures.append(t, 5000, 200, 2, DAY1, DAY3));
    // and while the rewrite runs, a writer keeps going (two rounds of append + delete); a delete
    // that loses the race against a rewrite commit fails validation, and the writer retries it
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      for (int round = 0; round < 2; round++) {
        long from = 6000 + 100L * round;
        everywhere(both, t -> IcebergFixtures.append(t, from, 100, 1, DAY3, "2025-01-05"));
        everywhere(both, t -> withRetries(() -> IcebergFixtures.delete(t, DAY3, "id % 7 = " + from % 7)));
      }
    });
    TableCompaction run = compactor.execute(plan);
    writer.get();

    assertEquals(content("maint.race_twin"), content("maint.race_events"), "no row lost or resurrected");
    assertEquals(0, MaintenanceLake.count("SELECT count(*) FROM lake.maint.race_events WHERE id % 5 = 0"
        + " AND ts < timestamp_ntz'2025-01-02 00:00:00' AND id < 960"), "rows deleted meanwhile stay deleted");
    assertTrue(run.conflicts() >= 2, "the groups of 2025-01-01's two buckets conflicted: " + run.conflicts());
    for (PartitionOutcome p : run.partitions()) {
      if (DAY1.equals(String.valueOf(p.plan().partition().day()))) {
        assertTrue(p.conflicts() >= 1, p.plan().partition() + " reported its conflict");
      }
      assertEquals(Status.COMPACTED, p.status(), p.plan().partition() + " was retried in a later pass");
    }
    assertTrue(run.passes() >= 2, "a retry pass ran");
    assertFalse(run.verifications().isEmpty());
  }

  @Test
  void aRunWhoseEveryGroupConflictedFailsAndChangesNothing() {
    LakehouseSession session = MaintenanceLake.session();
    fragmented("maint.race_noretry");
    Compactor compactor = CompactTable.of(session, "race_noretry").clock(hoursLater(2)).compactor();
    TablePlan plan = compactor.plan();
    IcebergFixtures.delete("maint.race_noretry", DAY1, "id % 5 = 0");
    IcebergFixtures.delete("maint.race_noretry", DAY3, "id % 5 = 0");
    long head = session.icebergTable("maint.race_noretry").currentSnapshot().snapshotId();
    TableChecksum.Sum before = content("maint.race_noretry");

    RunFailedException e = assertThrows(RunFailedException.class, () -> compactor.execute(plan));

    assertTrue(e.getMessage().contains("committed nothing"), e.getMessage());
    assertEquals(head, session.icebergTable("maint.race_noretry").currentSnapshot().snapshotId());
    assertEquals(before, content("maint.race_noretry"));
  }
}
