package io.historylane.compaction;

import static io.historylane.compaction.testing.MaintenanceLake.column;
import static io.historylane.compaction.testing.MaintenanceLake.hoursLater;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.compaction.PartitionOutcome.Status;
import io.historylane.compaction.plan.PartitionPlan;
import io.historylane.compaction.plan.PlanAction;
import io.historylane.compaction.testing.MaintenanceLake;
import io.historylane.compaction.testing.PaimonFixtures;
import io.historylane.core.lake.TableChecksum;
import io.historylane.core.session.LakehouseSession;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paimon compaction through its compact procedure (full) and write API (minor), per partition. */
class PaimonCompactionTest {
  private static LakehouseSession session;

  @BeforeAll
  static void fixtures() {
    session = MaintenanceLake.session();
    PaimonFixtures.fragmented("maint.pk_orders");
    PaimonFixtures.fragmented("maint.pk_minor");
  }

  private static List<String> files(String table, String dt) {
    return column("SELECT file_path FROM paimon.maint.`" + table + "$files` WHERE partition = '[" + dt + "]'"
        + " ORDER BY file_path");
  }

  private static TableChecksum.Sum content(String table) {
    return TableChecksum.of(MaintenanceLake.spark().table("paimon.maint." + table));
  }

  @Test
  void fullCompactionMergesTheFragmentedPartitionOnly() {
    TableChecksum.Sum before = content("pk_orders");
    List<String> healthy = files("pk_orders", "2025-01-02");
    TableCompaction quiet = CompactTable.of(session, "pk_orders").dryRun(true).execute();
    assertTrue(quiet.partitions().stream().allMatch(p -> p.status() == Status.QUIET), "just written");

    TableCompaction run = CompactTable.of(session, "pk_orders").clock(hoursLater(2)).runId("t-paimon").execute();

    PartitionOutcome day1 = run.partitions().get(0);
    assertEquals("dt=2025-01-01", day1.plan().partition().label());
    assertEquals(Set.of(PlanAction.FULL_COMPACTION), day1.plan().actions());
    assertEquals(12, day1.plan().before().dataFiles(), "6 runs in each of 2 buckets");
    assertEquals(Status.COMPACTED, day1.status());
    assertEquals(2, day1.after().dataFiles(), "one file per bucket");
    assertEquals(100, day1.healthAfter());
    assertEquals(PartitionPlan.Skip.HEALTHY, run.partitions().get(1).plan().skipped());
    assertEquals(healthy, files("pk_orders", "2025-01-02"), "the healthy partition keeps its files");
    assertEquals(before, content("pk_orders"), "content unchanged");
    assertEquals(1, run.verifications().size());
    assertEquals(200, run.verifications().get(0).rows(), "the compacted partition was verified");
    assertEquals(List.of(LocalDate.parse("2025-01-01")), run.compactedDays());

    TableCompaction again = CompactTable.of(session, "pk_orders").clock(hoursLater(2)).execute();
    assertFalse(again.changed(), "a rerun finds nothing to do");
  }

  @Test
  void minorCompactionMergesSomeRunsAndChangesNoRow() {
    TableChecksum.Sum before = content("pk_minor");
    TableCompaction run = CompactTable.of(session, "pk_minor").clock(hoursLater(2)).execute();
    PartitionOutcome day1 = run.partitions().get(0);
    assertEquals(Set.of(PlanAction.MINOR_COMPACTION), day1.plan().actions());
    assertEquals(Status.COMPACTED, day1.status());
    assertTrue(day1.after().dataFiles() < day1.plan().before().dataFiles(), day1.after() + " after " + day1.plan().before());
    assertEquals(before, content("pk_minor"));
    assertEquals(1, run.verifications().size());
  }
}
