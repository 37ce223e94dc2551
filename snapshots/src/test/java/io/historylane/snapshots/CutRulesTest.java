package io.historylane.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.core.error.BadInputException;
import io.historylane.snapshots.TagOutcome.Action;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.SnapshotRef;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.tag.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of a cut: all or nothing when a table has no snapshot, idempotent reruns, no silent
 * move of a tag, dry runs, drops, and how show tells Spark and StarRocks users to read it. The
 * tables were committed to on the 15th of March, April and May 2025; {@code ru_late} (Paimon)
 * only in May.
 */
class CutRulesTest {
  private static final Instant APRIL = Instant.parse("2025-04-01T00:00:00Z");
  private static final Instant MAY = Instant.parse("2025-05-01T00:00:00Z");
  private static final List<Instant> MID_MONTHS = List.of(Instant.parse("2025-03-15T12:00:00Z"),
      Instant.parse("2025-04-15T12:00:00Z"), Instant.parse("2025-05-15T12:00:00Z"));

  private static LakeTables lake;
  private static Map<String, List<Long>> snapshots;

  @BeforeAll
  static void tables() {
    lake = LakeTables.register("snap-ru",
        "starrocks: {url: 'jdbc:mysql://starrocks-fe:9030/', user: historylane, iceberg-catalog: iceberg_lake,"
            + " paimon-catalog: paimon_lake}\n",
        List.of("ru_orders: {kind: table, iceberg: snap_ru.orders, starrocks: {database: history, table: orders_v}}",
            "ru_cdc: {kind: table, paimon: snap_ru.cdc}",
            "ru_late: {kind: table, paimon: snap_ru.late}"));
    lake.createIceberg("snap_ru.orders");
    lake.createPaimon("snap_ru.cdc");
    lake.createPaimon("snap_ru.late");
    snapshots = Map.of(
        "ru_orders", BackdatedHistory.write(lake, "ru_orders", MID_MONTHS),
        "ru_cdc", BackdatedHistory.write(lake, "ru_cdc", MID_MONTHS),
        "ru_late", BackdatedHistory.write(lake, "ru_late", MID_MONTHS.subList(2, 3)));
  }

  @Test
  void aTableWithoutASnapshotAtTheInstantFailsTheWholeCutUnlessAllowedMissing() {
    List<String> all = List.of("ru_orders", "ru_cdc", "ru_late");
    BadInputException e = assertThrows(BadInputException.class, () -> cut("missing", APRIL, all).execute());
    assertTrue(e.getMessage().contains("ru_late (paimon snap_ru.late)") && e.getMessage().contains("--allow-missing"),
        e.getMessage());
    assertFalse(tag("ru_orders", "missing").isPresent(), "nothing was tagged");
    assertTrue(lake.actions().list().stream().noneMatch(c -> c.name().equals("missing")));

    CutResult skipped = cut("missing", APRIL, all).allowMissing(true).execute();
    assertEquals(2, skipped.count(Action.CREATED));
    assertEquals(1, skipped.count(Action.NO_SNAPSHOT));
    assertEquals(Optional.of(snapshots.get("ru_cdc").get(0)), tag("ru_cdc", "missing"), "March's state");
    assertEquals(2, lake.actions().show("missing").tables().size());
  }

  @Test
  void aRerunIsANoOpAMovedInstantNeedsReplaceAndADryRunChangesNothing() {
    List<String> two = List.of("ru_orders", "ru_cdc");
    CutResult planned = cut("rerun", APRIL, two).dryRun(true).execute();
    assertEquals(2, planned.count(Action.CREATED));
    assertFalse(tag("ru_orders", "rerun").isPresent() || tag("ru_cdc", "rerun").isPresent(), "a dry run tags nothing");

    cut("rerun", APRIL, two).execute();
    CutResult again = cut("rerun", APRIL, two).execute();
    assertEquals(2, again.count(Action.UNCHANGED));
    assertFalse(again.manifestChanged());

    BadInputException moved = assertThrows(BadInputException.class, () -> cut("rerun", MAY, two).execute());
    assertTrue(moved.getMessage().contains("cut rerun exists as of " + APRIL) && moved.getMessage().contains("--replace"),
        moved.getMessage());
    assertEquals(Optional.of(snapshots.get("ru_orders").get(0)), tag("ru_orders", "rerun"), "the tag stayed");

    CutResult replaced = cut("rerun", MAY, two).replace(true).execute();
    assertEquals(2, replaced.count(Action.MOVED));
    assertEquals(Optional.of(snapshots.get("ru_orders").get(1)), tag("ru_orders", "rerun"));
    assertEquals(Optional.of(snapshots.get("ru_cdc").get(1)), tag("ru_cdc", "rerun"));
    Cut recorded = SnapshotActions.find(lake.actions().manifest(), "rerun");
    assertEquals(MAY, recorded.asOf());
    assertEquals(2, recorded.entries().size());
    SnapshotRef ref = lake.session().icebergTable("snap_ru.orders").refs().get("rerun");
    assertEquals(recorded.retentionEnd().toEpochMilli() - MID_MONTHS.get(1).toEpochMilli(), ref.maxRefAgeMs(),
        "Iceberg counts a tag's age from its snapshot's commit: it drops the tag just when the cut's retention ends");
    Tag paimonTag = ((FileStoreTable) lake.session().paimonTable("snap_ru.cdc")).tagManager().tag("rerun");
    Instant paimonEnd = paimonTag.getTagCreateTime().atZone(ZoneId.systemDefault()).toInstant()
        .plus(paimonTag.getTagTimeRetained());
    assertTrue(Duration.between(paimonEnd, recorded.retentionEnd()).abs().toMillis() < 2000,
        "Paimon's tag is retained until the cut's retention ends: " + paimonEnd);
    assertEquals(2L, lake.spark().sql("SELECT * FROM lake.ops_snap_ru.snapshot_cuts WHERE name = 'rerun'"
        + " AND as_of = TIMESTAMP '2025-05-01 00:00:00'").count(), "the manifest is a table Spark reads");
  }

  @Test
  void showPrintsTheSparkAndStarRocksStatementsThatReadTheCut() {
    cut("shown", MAY, List.of("ru_orders", "ru_cdc")).execute();
    List<CutReading.Table> tables = lake.actions().show("shown").tables();
    assertEquals("SELECT * FROM lake.snap_ru.orders VERSION AS OF 'shown'", tables.get(0).sparkSql());
    assertEquals("SELECT * FROM iceberg_lake.history.orders_v FOR VERSION AS OF 'shown'", tables.get(0).starRocksSql());
    assertEquals("SELECT * FROM paimon.snap_ru.cdc VERSION AS OF 'shown'", tables.get(1).sparkSql());
    assertEquals("SELECT * FROM paimon_lake.snap_ru.cdc FOR VERSION AS OF 'tag:shown'", tables.get(1).starRocksSql());
    for (CutReading.Table t : tables) {
      assertEquals(2, lake.spark().sql(t.sparkSql()).count(), t.sparkSql() + " reads March and April's rows");
    }
    assertTrue(assertThrows(BadInputException.class, () -> lake.actions().show("shwn")).getMessage()
        .contains("did you mean 'shown'"));
  }

  @Test
  void dropRemovesTheTagsInEveryTableThenTheManifestRows() {
    cut("dropped", APRIL, List.of("ru_orders", "ru_cdc")).execute();
    CutRemovalResult planned = lake.actions().drop("dropped").dryRun(true).execute();
    assertEquals(2, planned.tagsRemoved().size());
    assertTrue(tag("ru_orders", "dropped").isPresent() && tag("ru_cdc", "dropped").isPresent(), "a dry run removes nothing");

    CutRemovalResult dropped = lake.actions().drop("dropped").execute();
    assertEquals(List.of("dropped in ru_orders (iceberg snap_ru.orders)", "dropped in ru_cdc (paimon snap_ru.cdc)"),
        dropped.tagsRemoved());
    assertFalse(tag("ru_orders", "dropped").isPresent() || tag("ru_cdc", "dropped").isPresent());
    assertTrue(lake.actions().list().stream().noneMatch(c -> c.name().equals("dropped")));
    assertThrows(BadInputException.class, () -> lake.actions().drop("dropped").execute());
  }

  private static CutSnapshots cut(String name, Instant asOf, List<String> tables) {
    return lake.actions().cut().tables(tables).points(CutSchedule.single(name, asOf, Instant.now())).runId("test-ru");
  }

  private static Optional<Long> tag(String table, String tag) {
    String identifier = lake.session().config().table(table).identifier();
    if (lake.session().config().table(table).isIceberg()) {
      return Optional.ofNullable(lake.session().icebergTable(identifier).refs().get(tag)).map(r -> r.snapshotId());
    }
    FileStoreTable paimon = (FileStoreTable) lake.session().paimonTable(identifier);
    return paimon.tagManager().tagExists(tag) ? Optional.of(paimon.tagManager().taggedSnapshot(tag).id()) : Optional.empty();
  }
}
