package io.historylane.backfill.dims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.backfill.testing.SampleLake;
import io.historylane.backfill.testing.WhenJobStarts;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.lake.SnapshotProperties;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;
import io.historylane.testkit.TestLake;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

/**
 * How a dimension backfill commits: replaced versions are deleted by position in the same step of
 * main that adds the new ones; another writer's commit meanwhile stops it with nothing published;
 * versions that would break an invariant stop it before anything is committed.
 */
class DimensionCommitTest {
  private static final DateRange JANUARY = DateRange.parse("2025-01-01", "2025-02-01");
  private static final DateRange FEBRUARY = DateRange.parse("2025-02-01", "2025-03-01");

  @Test
  void aCommitMeanwhileOrABrokenTableStopsTheRunWithNothingCommitted() throws Exception {
    TestLake lake = SampleLake.get();
    lake.overlay("dim-commit", """
        tables:
          dim_employee_race:
            kind: scd2
            iceberg: race.dim_employee
            source: {debezium: {topic: pg.public.employees}}
            keys: [employee_id]
            tracked: [role, commission_rate, provider_id]
            type1: [full_name, email, hired_on]
            ignored: [updated_at]
        """);
    LoadedConfig loaded = lake.load("minio,dim-commit");
    LakehouseSession session = LakehouseSession.open(loaded, "dim-commit");
    DimensionBackfillResult january = DimensionBackfill.in(session).table("dim_employee_race").range(JANUARY)
        .runId("race-1").execute();
    Table table = session.icebergTable("race.dim_employee");
    DataFile janFile = table.currentSnapshot().addedDataFiles(table.io()).iterator().next();

    // another writer appends (a copy of January's file) while February is being rebuilt
    try (WhenJobStarts writer = WhenJobStarts.run(lake.spark(), "rebuild the versions of keys changed",
        () -> session.icebergTable("race.dim_employee").newAppend().appendFile(janFile).commit())) {
      RunFailedException e = assertThrows(RunFailedException.class, () -> DimensionBackfill.in(session)
          .table("dim_employee_race").range(FEBRUARY).runId("race-2").execute());
      assertTrue(writer.ran());
      assertTrue(e.getMessage().contains("concurrent write") && e.getMessage().contains("Nothing was published"),
          e.getMessage());
    }
    table.refresh();
    Snapshot concurrent = table.currentSnapshot();
    assertEquals(january.snapshotAfter(), concurrent.parentId(), "main holds the other writer's commit, and only it");
    assertFalse(table.refs().keySet().stream().anyMatch(r -> r.startsWith("historylane_")), "no staging branch is left");

    // the other writer's copy doubled January's versions: February's rebuild would keep the doubles
    RunFailedException broken = assertThrows(RunFailedException.class, () -> DimensionBackfill.in(session)
        .table("dim_employee_race").range(FEBRUARY).runId("race-3").execute());
    assertTrue(broken.getMessage().contains("would break") && broken.getMessage().contains("order at ")
        && broken.getMessage().contains("Nothing was committed"), broken.getMessage());
    table.refresh();
    assertEquals(concurrent.snapshotId(), table.currentSnapshot().snapshotId(), "nothing committed");

    // undone, February applies: the versions it replaces are deleted by position in one step of main
    table.manageSnapshots().rollbackTo(january.snapshotAfter()).commit();
    DimensionBackfillResult february = DimensionBackfill.in(session).table("dim_employee_race").range(FEBRUARY)
        .runId("race-4").execute();
    assertTrue(february.verification().passed() && february.versionsWritten() > 0, february.toString());
    table.refresh();
    Snapshot head = table.currentSnapshot();
    assertEquals(february.snapshotAfter(), head.snapshotId());
    Map<String, String> summary = head.summary();
    assertTrue(Long.parseLong(summary.getOrDefault("added-position-deletes", "0")) > 0, summary.toString());
    assertEquals("race-4", summary.get(SnapshotProperties.RUN_ID), summary.toString());
    Snapshot append = table.snapshot(head.parentId());
    assertEquals(january.snapshotAfter(), append.parentId(),
        "the new versions' append and the deletes reach main together, on top of January");
    assertEquals("race-4", append.summary().get(SnapshotProperties.RUN_ID), "both steps are marked as the run's");
    assertTrue(DimensionVerifier.verify(lake.spark().table("lake.race.dim_employee"),
        loaded.config().table("dim_employee_race")).passed());
  }
}
