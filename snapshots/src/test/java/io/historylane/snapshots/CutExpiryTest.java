package io.historylane.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.core.lake.TableChecksum;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.paimon.table.FileStoreTable;
import org.junit.jupiter.api.Test;

/**
 * Snapshot expiry with the shortest retention (keep one snapshot, expire everything older than
 * now) against month-end cuts of an Iceberg and a Paimon table, and a cut whose own retention ran out.
 */
class CutExpiryTest {
  private static final List<String> TABLES = List.of("ex_orders", "ex_cdc");

  @Test
  void everyLiveCutStaysReadableAndAnExpiredCutLeavesWithItsTags() throws Exception {
    LakeTables lake = LakeTables.register("snap-ex", List.of(
        "ex_orders: {kind: table, iceberg: snap_ex.orders}",
        "ex_cdc: {kind: table, paimon: snap_ex.cdc}"));
    lake.createIceberg("snap_ex.orders");
    lake.createPaimon("snap_ex.cdc");
    List<Instant> fifteenths = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2025, 5, 15); d.isBefore(LocalDate.of(2026, 1, 1)); d = d.plusMonths(1)) {
      fifteenths.add(d.atTime(12, 0).toInstant(ZoneOffset.UTC));
    }
    Map<String, List<Long>> monthly = new LinkedHashMap<>();
    for (String table : TABLES) {
      monthly.put(table, BackdatedHistory.write(lake, table, fifteenths));
      lake.write(table, 100, "today");
    }
    SnapshotActions actions = lake.actions();
    actions.cut().tables(TABLES).points(CutSchedule.series("2025-06-01..2026-01-01", "month", "eom-{yyyy}-{MM}",
        ZoneOffset.UTC, Instant.now())).execute();
    // May's state, kept for a second only
    actions.cut().tables(TABLES).points(CutSchedule.single("short", Instant.parse("2025-06-01T00:00:00Z"), Instant.now()))
        .retain(Duration.ofSeconds(1)).execute();
    Map<String, TableChecksum.Sum> before = readEveryCut(lake, actions);
    assertEquals(16, before.size());
    Thread.sleep(1500);

    Table orders = lake.session().icebergTable("snap_ex.orders");
    SparkActions.get(lake.spark()).expireSnapshots(orders).expireOlderThan(System.currentTimeMillis()).retainLast(1)
        .execute();
    lake.spark().sql("CALL paimon.sys.expire_snapshots(table => 'snap_ex.cdc', retain_max => 1, retain_min => 1,"
        + " older_than => TIMESTAMP '" + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC)
        .format(Instant.now().plusSeconds(3600)) + "')");

    orders.refresh();
    assertNull(orders.snapshot(monthly.get("ex_orders").get(0)), "May's snapshot: only the expired cut held it");
    assertFalse(orders.refs().containsKey("short"), "Iceberg dropped the tag whose max ref age passed");
    assertEquals(8, count(orders),
        "the seven month-end snapshots and the current one are left");
    FileStoreTable cdc = (FileStoreTable) lake.session().paimonTable("snap_ex.cdc");
    assertEquals(cdc.snapshotManager().latestSnapshotId(), cdc.snapshotManager().earliestSnapshotId(),
        "Paimon kept only its latest snapshot");

    Map<String, TableChecksum.Sum> after = readEveryCut(lake, actions, "short");
    for (Map.Entry<String, TableChecksum.Sum> e : after.entrySet()) {
      assertEquals(before.get(e.getKey()), e.getValue(), e.getKey() + " reads as before expiry");
    }
    assertEquals(14, after.size());
    VerifyResult verified = actions.verify().execute();
    assertTrue(verified.ok(), verified.problems().toString());
    assertTrue(verified.cuts().stream().filter(c -> c.name().equals("short")).allMatch(CutCheck::expired));

    CutRemovalResult planned = actions.expireCuts(Instant.now()).dryRun(true).execute();
    assertEquals(List.of("short"), planned.cuts().stream().map(Cut::name).toList());
    assertEquals(8, actions.list().size(), "a dry run removes nothing");
    assertTrue(cdc.tagManager().tagExists("short"));

    CutRemovalResult expired = actions.expireCuts(Instant.now()).execute();
    assertEquals(List.of("short"), expired.cuts().stream().map(Cut::name).toList());
    assertEquals(List.of("short in ex_cdc (paimon snap_ex.cdc)"), expired.tagsRemoved());
    assertEquals(List.of("short in ex_orders (iceberg snap_ex.orders)"), expired.tagsAlreadyGone());
    assertFalse(cdc.tagManager().tagExists("short"));
    assertEquals(7, actions.list().size());
    assertTrue(actions.verify().execute().ok());
  }

  /** Every cut's every table, read through the Spark SQL `snapshot show` prints. */
  private static Map<String, TableChecksum.Sum> readEveryCut(LakeTables lake, SnapshotActions actions, String... skip) {
    Map<String, TableChecksum.Sum> sums = new LinkedHashMap<>();
    for (Cut cut : actions.list()) {
      if (List.of(skip).contains(cut.name())) {
        continue;
      }
      for (CutReading.Table t : actions.show(cut.name()).tables()) {
        sums.put(t.sparkSql(), lake.read(t.sparkSql()));
      }
    }
    return sums;
  }

  private static long count(Table table) {
    long n = 0;
    for (Object ignored : table.snapshots()) {
      n++;
    }
    return n;
  }
}
