package io.historylane.compaction.hygiene;

import static io.historylane.compaction.testing.MaintenanceLake.column;
import static io.historylane.compaction.testing.MaintenanceLake.count;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.compaction.hygiene.orphans.OrphanFile;
import io.historylane.compaction.hygiene.orphans.OrphanSweep;
import io.historylane.compaction.hygiene.orphans.OrphanSweepResult;
import io.historylane.compaction.hygiene.quarantine.PurgeResult;
import io.historylane.compaction.hygiene.quarantine.QuarantineActions;
import io.historylane.compaction.hygiene.quarantine.QuarantineManifest;
import io.historylane.compaction.hygiene.quarantine.RestoreResult;
import io.historylane.compaction.testing.IcebergFixtures;
import io.historylane.compaction.testing.LakeFiles;
import io.historylane.compaction.testing.MaintenanceLake;
import io.historylane.compaction.testing.PaimonFixtures;
import io.historylane.core.error.BadInputException;
import io.historylane.core.session.LakehouseSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Orphan sweeps on adversarial fixtures: files referenced only by a tag, only by a branch, a
 * write in flight younger than the minimum age, metadata naming s3:// what Hadoop lists as
 * s3a://. None of those may move; the true orphans move, and come back byte for byte.
 */
class OrphanSweepTest {
  private static final Instant LONG_AGO = Instant.now().minus(Duration.ofDays(10));

  private static Set<String> paths(OrphanSweepResult r) {
    return r.tables().stream().flatMap(t -> t.orphans().stream()).map(OrphanFile::path).collect(Collectors.toSet());
  }

  @Test
  void icebergTagBranchInFlightAndSchemeTwinsStayTrueOrphansMoveAndComeBack() {
    LakehouseSession session = MaintenanceLake.session();
    SparkSession spark = session.spark();
    String t = "maint.hyg_events";
    String dir = "iceberg/maint/hyg_events";
    IcebergFixtures.create(t);
    IcebergFixtures.append(t, 0, 400, 2, "2025-02-01");
    Table table = session.icebergTable(t);
    table.manageSnapshots().createTag("cut_a", table.currentSnapshot().snapshotId()).commit();
    spark.sql("DELETE FROM lake." + t + " WHERE ts < timestamp_ntz'2025-02-02 00:00:00'");   // drops the files: only the tag has them
    IcebergFixtures.append(t, 1000, 400, 2, "2025-02-02");
    table.refresh();
    table.manageSnapshots().createBranch("audit", table.currentSnapshot().snapshotId()).commit();
    spark.sql("INSERT INTO lake." + t + ".branch_audit SELECT 5000 + id, 1, timestamp_ntz'2025-02-03 00:00:00', 'b'"
        + " FROM range(0, 50)");                                                     // files only the branch has
    session.icebergTable(t).expireSnapshots().expireOlderThan(System.currentTimeMillis() + 1000).retainLast(1).commit();
    byte[] orphanData = LakeFiles.write(dir + "/data/ts_day=2025-02-02/provider_id_bucket=0/orphan-1.parquet", 3000);
    byte[] orphanMeta = LakeFiles.write(dir + "/metadata/orphan-2.avro", 700);
    LakeFiles.age(dir, LONG_AGO);
    LakeFiles.write(dir + "/data/ts_day=2025-02-02/provider_id_bucket=1/in-flight.parquet", 1200);   // just written
    long mainRows = count("SELECT count(*) FROM lake." + t);
    long tagRows = count("SELECT count(*) FROM lake." + t + " VERSION AS OF 'cut_a'");
    long branchRows = count("SELECT count(*) FROM lake." + t + ".branch_audit");
    List<String> referenced = column("SELECT file_path FROM lake." + t + ".all_files");

    OrphanSweepResult dry = OrphanSweep.in(session).tables(List.of("hyg_events")).dryRun(true).execute();
    Set<String> expected = Set.of("s3a://lake/" + dir + "/data/ts_day=2025-02-02/provider_id_bucket=0/orphan-1.parquet",
        "s3a://lake/" + dir + "/metadata/orphan-2.avro");
    assertEquals(expected, paths(dry), "only the true orphans: tag, branch, in-flight and live files stay");
    assertTrue(referenced.stream().noneMatch(f -> paths(dry).contains(f.replace("s3://", "s3a://"))));
    assertTrue(LakeFiles.exists(dir + "/metadata/orphan-2.avro"), "a dry run moves nothing");

    OrphanSweepResult sweep = OrphanSweep.in(session).tables(List.of("hyg_events")).runId("t-orphans-iceberg").execute();
    assertEquals(expected, paths(sweep));
    assertFalse(LakeFiles.exists(dir + "/metadata/orphan-2.avro"), "moved");
    assertTrue(LakeFiles.exists("quarantine/orphans/t-orphans-iceberg/lake/" + dir + "/metadata/orphan-2.avro"));
    assertTrue(LakeFiles.exists("quarantine/orphans/t-orphans-iceberg/_manifest.json"));
    assertTrue(LakeFiles.exists(dir + "/data/ts_day=2025-02-02/provider_id_bucket=1/in-flight.parquet"));
    assertEquals(mainRows, count("SELECT count(*) FROM lake." + t), "main still reads");
    assertEquals(tagRows, count("SELECT count(*) FROM lake." + t + " VERSION AS OF 'cut_a'"), "the tag still reads");
    assertEquals(branchRows, count("SELECT count(*) FROM lake." + t + ".branch_audit"), "the branch still reads");

    RestoreResult restore = QuarantineActions.in(session).restore("t-orphans-iceberg", false);
    assertEquals(2, restore.restored());
    assertArrayEquals(orphanData, LakeFiles.read(dir + "/data/ts_day=2025-02-02/provider_id_bucket=0/orphan-1.parquet"));
    assertArrayEquals(orphanMeta, LakeFiles.read(dir + "/metadata/orphan-2.avro"), "byte for byte");
    assertEquals(2, QuarantineActions.in(session).restore("t-orphans-iceberg", false).alreadyInPlace(), "safe to repeat");

    QuarantineActions later = QuarantineActions.in(session).clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(31)));
    assertTrue(QuarantineActions.in(session).purge(Duration.ofDays(30), false).purged().stream()
        .noneMatch(m -> m.runId().equals("t-orphans-iceberg")), "not 30 days old yet");
    PurgeResult purge = later.purge(Duration.ofDays(30), false);
    assertTrue(purge.purged().stream().map(QuarantineManifest::runId).toList().contains("t-orphans-iceberg"));
    assertFalse(LakeFiles.exists("quarantine/orphans/t-orphans-iceberg/_manifest.json"), "purged");
  }

  @Test
  void paimonTagAndBranchFilesStayTrueOrphansMove() {
    LakehouseSession session = MaintenanceLake.session();
    SparkSession spark = session.spark();
    String dir = "paimon/maint.db/hyg_orders";
    PaimonFixtures.create("maint.hyg_orders");
    PaimonFixtures.upsert("maint.hyg_orders", "2025-02-01", 100, 1);
    spark.sql("CALL paimon.sys.create_tag(table => 'maint.hyg_orders', tag => 'cut_a', snapshot => 1)");
    spark.sql("CALL paimon.sys.create_branch(table => 'maint.hyg_orders', branch => 'audit', tag => 'cut_a')");
    PaimonFixtures.upsert("maint.hyg_orders", "2025-02-01", 100, 2);
    spark.sql("CALL paimon.sys.compact(table => 'maint.hyg_orders')");
    // snapshot 1 goes: its files stay only for the tag and the branch made from it
    spark.sql("CALL paimon.sys.expire_snapshots(table => 'maint.hyg_orders', retain_max => 1)");
    byte[] orphan = LakeFiles.write(dir + "/dt=2025-02-01/bucket-0/data-orphan-1.orc", 2500);
    LakeFiles.age(dir, LONG_AGO);
    LakeFiles.write(dir + "/dt=2025-02-01/bucket-1/data-in-flight.orc", 800);
    long tagRows = count("SELECT count(*) FROM paimon.maint.hyg_orders VERSION AS OF 'cut_a'");

    OrphanSweepResult sweep = OrphanSweep.in(session).tables(List.of("hyg_orders")).runId("t-orphans-paimon").execute();

    assertEquals(Set.of("s3a://lake/" + dir + "/dt=2025-02-01/bucket-0/data-orphan-1.orc"), paths(sweep));
    assertTrue(LakeFiles.exists(dir + "/dt=2025-02-01/bucket-1/data-in-flight.orc"));
    assertEquals(tagRows, count("SELECT count(*) FROM paimon.maint.hyg_orders VERSION AS OF 'cut_a'"),
        "the tag's files stayed");
    assertEquals(100, count("SELECT count(*) FROM paimon.maint.hyg_orders"));
    QuarantineActions.in(session).restore("t-orphans-paimon", false);
    assertArrayEquals(orphan, LakeFiles.read(dir + "/dt=2025-02-01/bucket-0/data-orphan-1.orc"));
  }

  @Test
  void aMinimumAgeUnderThreeDaysNeedsTheExplicitOverride() {
    LakehouseSession session = MaintenanceLake.session();
    BadInputException e = assertThrows(BadInputException.class,
        () -> OrphanSweep.in(session).minAge(Duration.ofDays(1), false));
    assertTrue(e.getMessage().contains("below the 3-day floor"), e.getMessage());
    OrphanSweep.in(session).minAge(Duration.ofDays(1), true);
  }
}
