package io.historylane.compaction;

import io.historylane.core.lake.SnapshotProperties;
import static io.historylane.compaction.testing.MaintenanceLake.column;
import static io.historylane.compaction.testing.MaintenanceLake.hoursLater;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.compaction.PartitionOutcome.Status;
import io.historylane.compaction.plan.PartitionPlan;
import io.historylane.compaction.plan.PlanAction;
import io.historylane.compaction.plan.TablePlan;
import io.historylane.compaction.testing.IcebergFixtures;
import io.historylane.compaction.testing.MaintenanceLake;
import io.historylane.compaction.verify.LayoutVerifier;
import io.historylane.core.error.BadInputException;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.lake.TableChecksum;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The fragmented fixture (IcebergFixtures.fragmented): plan, dry run, quiet period, compaction, rerun. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IcebergCompactionTest {
  private static final String TABLE = "maint.frag_events";
  private static LakehouseSession session;

  @BeforeAll
  static void fixture() {
    session = MaintenanceLake.session();
    IcebergFixtures.fragmented(TABLE);
  }

  private static Map<String, PartitionPlan> byDay(TablePlan plan) {
    return plan.partitions().stream().collect(Collectors.toMap(p -> p.partition().label(), p -> p));
  }

  private static List<String> files(String day) {
    return column("SELECT file_path FROM lake." + TABLE + ".files WHERE content = 0 AND partition.ts_day = DATE'" + day
        + "' ORDER BY file_path");
  }

  @Test
  @Order(1)
  void dryRunPlansTheFragmentedPartitionsOnlyAndCommitsNothing() {
    long before = session.icebergTable(TABLE).currentSnapshot().snapshotId();
    TableCompaction dry = CompactTable.of(session, "frag_events").clock(hoursLater(2)).dryRun(true).execute();

    TablePlan plan = dry.plan();
    assertEquals(8, plan.partitions().size(), "4 days x 2 buckets");
    Set<LocalDate> planned = plan.withWork().stream().map(p -> p.partition().day()).collect(Collectors.toSet());
    assertEquals(Set.of(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-03")), planned);
    for (PartitionPlan p : plan.withWork()) {
      assertEquals(Set.of(PlanAction.BINPACK), p.actions(), p.partition().label());
      assertEquals(p.before().dataFiles(), p.filesToRewrite(), "every fragment is rewritten: " + p.partition());
      assertEquals(1, p.expectedFiles(), "a day's bucket fits in one file: " + p.partition());
      assertEquals(8, p.before().fragments(), p.partition() + " is fragmented: " + p.before());
    }
    long fragmentBytes = MaintenanceLake.count("SELECT sum(file_size_in_bytes) FROM lake." + TABLE + ".files"
        + " WHERE content = 0 AND partition.ts_day IN (DATE'2025-01-01', DATE'2025-01-03')");
    assertEquals(fragmentBytes, plan.bytesToRewrite());
    assertEquals(4, plan.partitions().stream().filter(p -> p.skipped() == PartitionPlan.Skip.HEALTHY).count());
    assertTrue(dry.partitions().stream().filter(p -> p.plan().hasWork()).allMatch(p -> p.status() == Status.PLANNED));
    assertEquals(before, session.icebergTable(TABLE).currentSnapshot().snapshotId(), "a dry run commits nothing");
  }

  @Test
  @Order(2)
  void partitionsWrittenWithinTheQuietPeriodAreLeftAlone() {
    long before = session.icebergTable(TABLE).currentSnapshot().snapshotId();
    TableCompaction run = CompactTable.of(session, "frag_events").execute();
    assertTrue(run.partitions().stream().allMatch(p -> p.status() == Status.QUIET), "all were written just now");
    assertEquals(before, session.icebergTable(TABLE).currentSnapshot().snapshotId());
  }

  @Test
  @Order(3)
  void aRangeSelectsDayPartitions() {
    TablePlan plan = CompactTable.of(session, "frag_events").range(DateRange.parse("2025-01-03", "2025-01-05"))
        .clock(hoursLater(2)).compactor().plan();
    assertEquals(Set.of(LocalDate.parse("2025-01-03"), LocalDate.parse("2025-01-04")),
        plan.partitions().stream().map(p -> p.partition().day()).collect(Collectors.toSet()));
  }

  @Test
  @Order(4)
  void compactionMeetsThePolicyKeepsHealthyFilesAndChangesNoRow() {
    Table table = session.icebergTable(TABLE);
    long before = table.currentSnapshot().snapshotId();
    TableChecksum.Sum content = TableChecksum.of(MaintenanceLake.spark().table("lake." + TABLE));
    List<String> healthy2 = files("2025-01-02");
    List<String> healthy4 = files("2025-01-04");

    TableCompaction run = CompactTable.of(session, "frag_events").clock(hoursLater(2)).runId("t-compact").execute();

    assertEquals(content, TableChecksum.of(MaintenanceLake.spark().table("lake." + TABLE)), "content unchanged");
    assertEquals(healthy2, files("2025-01-02"), "healthy partitions keep their files");
    assertEquals(healthy4, files("2025-01-04"), "healthy partitions keep their files");
    assertEquals(List.of(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-03")), run.compactedDays());
    assertEquals(4, run.with(Status.COMPACTED).size());
    for (PartitionOutcome p : run.with(Status.COMPACTED)) {
      String label = p.plan().partition().label();
      // Iceberg counts delete files into read splits, so a partition with deletes may come out as
      // two files instead of one: still fewer small files than min-input-files (4)
      assertTrue(p.after().dataFiles() <= (label.contains("2025-01-03") ? 2 : 1), label + ": " + p.after());
      assertEquals(0, p.after().deleteFiles(), "deletes applied and dangling ones dropped: " + label);
      assertTrue(p.healthAfter() >= 50 && p.healthBefore() < 20, label + " health " + p.healthBefore() + " -> "
          + p.healthAfter());
    }
    assertEquals(1, run.verifications().size(), "one unbroken run of rewrite commits, verified");
    assertEquals(before, run.verifications().get(0).snapshotBefore());
    assertEquals(run.snapshotAfter(), run.verifications().get(0).snapshotAfter());
    assertEquals(MaintenanceLake.count("SELECT count(*) FROM lake." + TABLE + " WHERE ts < timestamp_ntz'2025-01-02 00:00:00'"
        + " OR (ts >= timestamp_ntz'2025-01-03 00:00:00' AND ts < timestamp_ntz'2025-01-04 00:00:00')"),
        run.verifications().get(0).rows(), "the verification read the compacted partitions");
    assertEquals(32, run.filesRewritten(), "8 fragments in each of 4 partitions");
    assertEquals(run.filesAfter() - 4, run.filesAdded(), "the healthy partitions' 4 files stay");
    assertEquals(run.plan().bytesToRewrite(), run.bytesRewritten());
    assertEquals("t-compact", findRunId(before), "commits carry the run id");

    TablePlan again = CompactTable.of(session, "frag_events").clock(hoursLater(2)).compactor().plan();
    assertTrue(again.withWork().isEmpty(), "every partition meets the policy now: " + again.withWork());
  }

  private static String findRunId(long since) {
    Table table = session.icebergTable(TABLE);
    for (Snapshot s : table.snapshots()) {
      if (s.sequenceNumber() > table.snapshot(since).sequenceNumber() && "replace".equals(s.operation())
          && s.summary().containsKey(SnapshotProperties.RUN_ID)) {
        return s.summary().get(SnapshotProperties.RUN_ID);
      }
    }
    return null;
  }

  @Test
  @Order(5)
  void rerunningChangesNothing() {
    long before = session.icebergTable(TABLE).currentSnapshot().snapshotId();
    TableCompaction rerun = CompactTable.of(session, "frag_events").clock(hoursLater(2)).execute();
    assertTrue(rerun.with(Status.COMPACTED).isEmpty());
    assertFalse(rerun.changed());
    assertEquals(before, session.icebergTable(TABLE).currentSnapshot().snapshotId());
  }

  @Test
  @Order(6)
  void aRewriteThatChangedRowsFailsLoudly() {
    Table table = session.icebergTable(TABLE);
    long before = table.currentSnapshot().snapshotId();
    MaintenanceLake.spark().sql("DELETE FROM lake." + TABLE + " WHERE ts >= timestamp_ntz'2025-01-02 00:00:00'"
        + " AND ts < timestamp_ntz'2025-01-03 00:00:00' AND id % 7 = 0");
    long after = session.icebergTable(TABLE).currentSnapshot().snapshotId();
    LayoutVerifier verifier = new LayoutVerifier(MaintenanceLake.spark(), "lake." + TABLE, "roll back");
    RunFailedException e = assertThrows(RunFailedException.class,
        () -> verifier.verify(before, after, List.of("ts_day=2025-01-02"), "_partition.ts_day = DATE'2025-01-02'"));
    assertTrue(e.getMessage().contains("changed the content of lake." + TABLE), e.getMessage());
    assertEquals(1800, verifier.verify(before, before, List.of("2025-01-02"), "_partition.ts_day = DATE'2025-01-02'").rows());
  }

  @Test
  @Order(7)
  void aRangeOnATableWithoutDayPartitionsIsBadInput() {
    MaintenanceLake.spark().sql("DROP TABLE IF EXISTS lake.maint.app_events PURGE");
    MaintenanceLake.spark().sql("CREATE TABLE lake.maint.app_events (id BIGINT, kind STRING) USING iceberg PARTITIONED BY (kind)");
    BadInputException e = assertThrows(BadInputException.class, () -> CompactTable.of(session, "app_events")
        .range(DateRange.parse("2025-01-01", "2025-01-02")).dryRun(true).execute());
    assertTrue(e.getMessage().contains("is not partitioned by day"), e.getMessage());
  }

  @Test
  @Order(8)
  void aTableWithASortOrderIsCompactedInThatOrder() {
    IcebergFixtures.create("maint.sorted_events");
    session.icebergTable("maint.sorted_events").replaceSortOrder().asc("provider_id").asc("id").commit();
    IcebergFixtures.append("maint.sorted_events", 0, 400, 6, "2025-01-01");
    TableChecksum.Sum content = TableChecksum.of(MaintenanceLake.spark().table("lake.maint.sorted_events"));

    TableCompaction run = CompactTable.of(session, "sorted_events").clock(hoursLater(2)).execute();

    assertEquals("sort", run.plan().strategy());
    assertEquals(Set.of(PlanAction.SORT), run.with(Status.COMPACTED).get(0).plan().actions());
    assertEquals(2, run.with(Status.COMPACTED).size());
    assertEquals(content, TableChecksum.of(MaintenanceLake.spark().table("lake.maint.sorted_events")));
    List<String> ids = column("SELECT id FROM lake.maint.sorted_events WHERE provider_id = 1");
    assertEquals(ids.stream().map(Long::parseLong).sorted().map(String::valueOf).toList(), ids,
        "one file per bucket, its rows in the sort order");
  }

  @Test
  @Order(9)
  void manyFragmentsComeOutAsThePlannedFilesWithoutASmallRemainder() {
    IcebergFixtures.create("maint.wide_events");
    // 50 fragments of ~31 KB in each of 2 partitions, 6.2 files of the 256 KB target: Iceberg plans 6
    IcebergFixtures.appendIncompressible("maint.wide_events", 0, 2 * 50 * 275, 50, "2025-01-01");
    TableChecksum.Sum content = TableChecksum.of(MaintenanceLake.spark().table("lake.maint.wide_events"));

    TableCompaction run = CompactTable.of(session, "wide_events").clock(hoursLater(2)).execute();

    assertEquals(content, TableChecksum.of(MaintenanceLake.spark().table("lake.maint.wide_events")));
    assertEquals(2, run.with(Status.COMPACTED).size());
    for (PartitionOutcome p : run.with(Status.COMPACTED)) {
      assertEquals(p.plan().expectedFiles(), p.after().dataFiles(), "the files the plan promised: " + p);
      assertEquals(0, p.after().undersized(), "no small remainder file: " + p);
    }
  }
}
