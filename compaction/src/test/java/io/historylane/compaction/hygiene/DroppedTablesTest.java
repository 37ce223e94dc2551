package io.historylane.compaction.hygiene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.compaction.hygiene.dropped.DroppedPrefix;
import io.historylane.compaction.hygiene.dropped.DroppedPrefix.Status;
import io.historylane.compaction.hygiene.dropped.DroppedTables;
import io.historylane.compaction.hygiene.dropped.DroppedTablesResult;
import io.historylane.compaction.hygiene.quarantine.QuarantineActions;
import io.historylane.compaction.testing.IcebergFixtures;
import io.historylane.compaction.testing.LakeFiles;
import io.historylane.compaction.testing.MaintenanceLake;
import io.historylane.core.session.LakehouseSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The storage bill after a table delete: prefixes no catalog table owns are found, sized and quarantined. */
class DroppedTablesTest {
  private static final Instant LONG_AGO = Instant.now().minus(Duration.ofDays(10));

  private static Map<String, DroppedPrefix> byLocation(DroppedTablesResult r) {
    return r.prefixes().stream().collect(Collectors.toMap(DroppedPrefix::location, p -> p));
  }

  @Test
  void prefixesLeftByDroppedTablesAreReportedAndQuarantinedOnlyWhenAsked() {
    LakehouseSession session = MaintenanceLake.session();
    IcebergFixtures.create("maint.dropme");
    IcebergFixtures.append("maint.dropme", 0, 300, 2, "2025-04-01");
    session.spark().sql("DROP TABLE lake.maint.dropme");   // without PURGE: the files stay
    IcebergFixtures.create("maint.alive");
    IcebergFixtures.append("maint.alive", 0, 100, 1, "2025-04-01");
    byte[] ghost = LakeFiles.write("paimon/maint.db/ghost/bucket-0/data-1.orc", 4000);
    LakeFiles.write("paimon/maint.db/ghost/snapshot/snapshot-1", 300);
    LakeFiles.age("iceberg/maint/dropme", LONG_AGO);
    LakeFiles.age("iceberg/maint/alive", LONG_AGO);
    LakeFiles.age("paimon/maint.db/ghost", LONG_AGO);
    LakeFiles.write("paimon/maint.db/being_created/bucket-0/data-0.orc", 200);   // young: maybe a table in creation

    Map<String, DroppedPrefix> found = byLocation(DroppedTables.in(session).quarantine(true).dryRun(true).execute());
    DroppedPrefix dropme = found.get("s3a://lake/iceberg/maint/dropme");
    assertEquals(Status.REPORTED, dropme.status(), "a dry run moves nothing");
    assertEquals("iceberg", dropme.format());
    assertTrue(dropme.files() >= 3 && dropme.bytes() > 0, dropme.toString());
    assertEquals(4300, found.get("s3a://lake/paimon/maint.db/ghost").bytes());
    assertEquals(Status.TOO_YOUNG, found.get("s3a://lake/paimon/maint.db/being_created").status());
    assertFalse(found.containsKey("s3a://lake/iceberg/maint/alive"), "a live table's storage is owned");
    assertTrue(found.keySet().stream().noneMatch(l -> l.endsWith("/frag_events") || l.endsWith("/pk_orders")));

    DroppedTablesResult moved = DroppedTables.in(session).quarantine(true).runId("t-dropped").execute();
    assertEquals(Status.QUARANTINED, byLocation(moved).get("s3a://lake/paimon/maint.db/ghost").status());
    assertFalse(LakeFiles.exists("paimon/maint.db/ghost/bucket-0/data-1.orc"));
    assertTrue(LakeFiles.exists("quarantine/dropped-tables/t-dropped/lake/paimon/maint.db/ghost/bucket-0/data-1.orc"));
    assertTrue(LakeFiles.exists("paimon/maint.db/being_created/bucket-0/data-0.orc"), "the young prefix stays");
    assertEquals(100, MaintenanceLake.count("SELECT count(*) FROM lake.maint.alive"));

    QuarantineActions.in(session).restore("t-dropped", false);
    assertArrayEquals(ghost, LakeFiles.read("paimon/maint.db/ghost/bucket-0/data-1.orc"), "restorable byte for byte");
  }
}
