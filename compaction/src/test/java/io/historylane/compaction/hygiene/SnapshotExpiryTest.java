package io.historylane.compaction.hygiene;

import static io.historylane.compaction.testing.MaintenanceLake.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.compaction.testing.IcebergFixtures;
import io.historylane.compaction.testing.MaintenanceLake;
import io.historylane.compaction.testing.PaimonFixtures;
import io.historylane.core.session.LakehouseSession;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

/**
 * Expiry with the policy's retention (maintenance-test overlay: older than 1d, keep the last 1,
 * tags older than 30d reported), seen from 40 days on: only snapshots no tag or branch holds go.
 */
class SnapshotExpiryTest {
  private static final Clock FORTY_DAYS_ON = Clock.offset(Clock.systemUTC(), Duration.ofDays(40));

  private static List<Long> snapshotIds(Table table) {
    List<Long> ids = new ArrayList<>();
    for (Snapshot s : table.snapshots()) {
      ids.add(s.snapshotId());
    }
    ids.sort(null);
    return ids;
  }

  @Test
  void icebergKeepsTaggedAndBranchedSnapshotsAndNeverDropsARef() throws Exception {
    LakehouseSession session = MaintenanceLake.session();
    String t = "maint.exp_events";
    IcebergFixtures.create(t);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      IcebergFixtures.append(t, i * 100L, 100, 1, "2025-03-0" + (i + 1));
      ids.add(session.icebergTable(t).currentSnapshot().snapshotId());
    }
    Table table = session.icebergTable(t);
    table.manageSnapshots().createTag("cut_1", ids.get(0)).createBranch("audit", ids.get(1)).commit();
    long tagRows = count("SELECT count(*) FROM lake." + t + " VERSION AS OF 'cut_1'");

    // a tag past its own max-ref-age: Iceberg's expiry would drop it, so the table is left alone
    session.icebergTable(t).manageSnapshots().createTag("short_lived", ids.get(3)).setMaxRefAgeMs("short_lived", 1).commit();
    Thread.sleep(10);
    TableExpiry refused = SnapshotExpiry.in(session).tables(List.of("exp_events")).clock(FORTY_DAYS_ON).execute().get(0);
    assertTrue(refused.skipped().contains("short_lived"), refused.skipped());
    assertTrue(refused.expired().isEmpty());
    assertTrue(session.icebergTable(t).refs().containsKey("short_lived"), "the ref survived");
    session.icebergTable(t).manageSnapshots().removeTag("short_lived").commit();

    TableExpiry dry = SnapshotExpiry.in(session).tables(List.of("exp_events")).clock(FORTY_DAYS_ON).dryRun(true)
        .execute().get(0);
    assertEquals(List.of(ids.get(2)), dry.expired(), "neither the tag's, the branch's nor main's snapshot");
    assertEquals(4, snapshotIds(session.icebergTable(t)).size(), "a dry run expires nothing");
    assertEquals(List.of("cut_1"), dry.pinningTags().stream().map(PinningTag::name).toList(), "40 days > tag-max-age 30d");

    TableExpiry run = SnapshotExpiry.in(session).tables(List.of("exp_events")).clock(FORTY_DAYS_ON).execute().get(0);
    assertNull(run.skipped());
    List<Long> kept = new ArrayList<>(List.of(ids.get(0), ids.get(1), ids.get(3)));
    kept.sort(null);
    assertEquals(kept, snapshotIds(session.icebergTable(t)), "the tag's, the branch's and main's snapshots stay");
    assertEquals(tagRows, count("SELECT count(*) FROM lake." + t + " VERSION AS OF 'cut_1'"), "the cut still reads");
    assertEquals(200, count("SELECT count(*) FROM lake." + t + ".branch_audit"));
    assertEquals(400, count("SELECT count(*) FROM lake." + t));
  }

  @Test
  void paimonTagsKeepTheirSnapshotsFiles() {
    LakehouseSession session = MaintenanceLake.session();
    PaimonFixtures.create("maint.exp_orders");
    for (int version = 1; version <= 4; version++) {
      PaimonFixtures.upsert("maint.exp_orders", "2025-03-01", 50, version);
    }
    session.spark().sql("CALL paimon.sys.create_tag(table => 'maint.exp_orders', tag => 'cut_1', snapshot => 1)");
    long tagSum = count("SELECT sum(amount) FROM paimon.maint.exp_orders VERSION AS OF 'cut_1'");

    TableExpiry dry = SnapshotExpiry.in(session).tables(List.of("exp_orders")).clock(FORTY_DAYS_ON).dryRun(true)
        .execute().get(0);
    assertEquals(List.of(1L, 2L, 3L), dry.expired());
    assertEquals(List.of("cut_1"), dry.pinningTags().stream().map(PinningTag::name).toList());

    TableExpiry run = SnapshotExpiry.in(session).tables(List.of("exp_orders")).clock(FORTY_DAYS_ON).execute().get(0);
    assertEquals(1, run.snapshotsLeft());
    assertEquals(List.of("4"), MaintenanceLake.column("SELECT snapshot_id FROM paimon.maint.`exp_orders$snapshots`"));
    assertEquals(tagSum, count("SELECT sum(amount) FROM paimon.maint.exp_orders VERSION AS OF 'cut_1'"),
        "the tagged snapshot's files survived expiry");
  }
}
