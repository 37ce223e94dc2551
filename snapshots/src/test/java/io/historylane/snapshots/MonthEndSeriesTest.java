package io.historylane.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.snapshots.TagOutcome.Action;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.paimon.table.FileStoreTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Month-end cuts of 2025 over two Iceberg tables and a Paimon table whose history spans the year:
 * one commit on the 15th of every month from December 2024 to December 2025, then one now.
 */
class MonthEndSeriesTest {
  private static final List<String> TABLES = List.of("me_orders", "me_items", "me_cdc");
  private static final String RANGE = "2025-01-01..2026-01-01";
  private static final String PATTERN = "eom-{yyyy}-{MM}";

  private static LakeTables lake;
  /** Per table, the snapshot committed on the 15th of each month: index 0 is December 2024. */
  private static final Map<String, List<Long>> MONTHLY = new HashMap<>();

  @BeforeAll
  static void aYearOfHistory() {
    lake = LakeTables.register("snap-me", List.of(
        "me_orders: {kind: table, iceberg: snap_me.orders}",
        "me_items: {kind: table, iceberg: snap_me.items}",
        "me_cdc: {kind: table, paimon: snap_me.cdc}"));
    lake.createIceberg("snap_me.orders");
    lake.createIceberg("snap_me.items");
    lake.createPaimon("snap_me.cdc");
    List<Instant> fifteenths = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2024, 12, 15); d.isBefore(LocalDate.of(2026, 1, 1)); d = d.plusMonths(1)) {
      fifteenths.add(d.atTime(12, 0).toInstant(ZoneOffset.UTC));
    }
    for (String table : TABLES) {
      MONTHLY.put(table, BackdatedHistory.write(lake, table, fifteenths));
      lake.write(table, 100, "today");
    }
  }

  @Test
  void twelveTagsPerTableARerunChangesNothingAndVerifyNamesAMovedTag() {
    CutResult first = series().execute();
    assertEquals(12, first.cuts().size());
    assertEquals(36, first.count(Action.CREATED));
    Map<String, Long> expectedRows = new HashMap<>();
    List<String> reads = new ArrayList<>();
    for (int month = 1; month <= 12; month++) {
      String name = String.format("eom-2025-%02d", month);
      CutReading reading = lake.actions().show(name);
      assertEquals(LocalDate.of(2025, month, 1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant(), reading.cut().asOf());
      for (CutReading.Table t : reading.tables()) {
        assertEquals(MONTHLY.get(t.entry().table()).get(month), t.entry().snapshotId(),
            name + " of " + t.entry().table() + " is on the commit of " + month + "/15");
        // the December 2024 row plus one per month up to this one
        expectedRows.put(t.sparkSql(), month + 1L);
        reads.add("SELECT '" + t.sparkSql().replace("'", "\\'") + "' AS statement, count(*) AS n FROM (" + t.sparkSql() + ")");
      }
    }
    Map<String, Long> rows = new HashMap<>();
    lake.spark().sql(String.join(" UNION ALL ", reads)).collectAsList().forEach(r -> rows.put(r.getString(0), r.getLong(1)));
    assertEquals(expectedRows, rows, "every tag, read with the Spark SQL show prints, holds its month's rows");

    Map<String, String> metadataBefore = icebergMetadataLocations();
    List<String> paimonTagsBefore = paimonTags();
    CutResult again = series().execute();
    assertEquals(36, again.count(Action.UNCHANGED));
    assertFalse(again.manifestChanged(), "the manifest got no new snapshot");
    assertEquals(metadataBefore, icebergMetadataLocations(), "no Iceberg commit");
    assertEquals(paimonTagsBefore, paimonTags());

    VerifyResult verified = lake.actions().verify().execute();
    assertTrue(verified.ok(), verified.problems().toString());
    assertEquals(12, verified.cuts().size());

    Table orders = lake.session().icebergTable("snap_me.orders");
    orders.manageSnapshots().replaceTag("eom-2025-06", MONTHLY.get("me_orders").get(7)).commit();
    VerifyResult broken = lake.actions().verify().execute();
    assertFalse(broken.ok());
    assertEquals(1, broken.problems().size(), broken.problems().toString());
    String problem = broken.problems().get(0);
    assertTrue(problem.contains("eom-2025-06") && problem.contains("me_orders"), problem);

    CutResult repaired = lake.actions().cut().tables(TABLES)
        .points(CutSchedule.single("eom-2025-06", Instant.parse("2025-07-01T00:00:00Z"), Instant.now()))
        .replace(true).execute();
    assertEquals(1, repaired.count(Action.MOVED));
    assertTrue(lake.actions().verify().execute().ok());
  }

  private static CutSnapshots series() {
    return lake.actions().cut().tables(TABLES)
        .points(CutSchedule.series(RANGE, "month", PATTERN, ZoneOffset.UTC, Instant.now())).runId("test-me");
  }

  private static Map<String, String> icebergMetadataLocations() {
    Map<String, String> locations = new HashMap<>();
    for (String table : List.of("me_orders", "me_items")) {
      Table t = lake.session().icebergTable(lake.session().config().table(table).identifier());
      locations.put(table, ((HasTableOperations) t).operations().current().metadataFileLocation());
    }
    return locations;
  }

  private static List<String> paimonTags() {
    return ((FileStoreTable) lake.session().paimonTable("snap_me.cdc")).tagManager().allTagNames();
  }
}
