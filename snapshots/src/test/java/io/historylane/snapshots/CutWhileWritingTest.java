package io.historylane.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.snapshots.TagOutcome.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.Table;
import org.apache.paimon.table.FileStoreTable;
import org.junit.jupiter.api.Test;

/** A cut at T across two Iceberg tables and a Paimon table while writers keep committing to all three. */
class CutWhileWritingTest {
  private static final List<String> TABLES = List.of("ww_orders", "ww_items", "ww_cdc");

  @Test
  void everyTagReadsExactlyWhatTimeTravelToTheCutInstantReads() throws Exception {
    LakeTables lake = LakeTables.register("snap-ww", List.of(
        "ww_orders: {kind: table, iceberg: snap_ww.orders}",
        "ww_items: {kind: table, iceberg: snap_ww.items}",
        "ww_cdc: {kind: table, paimon: snap_ww.cdc}"));
    lake.createIceberg("snap_ww.orders");
    lake.createIceberg("snap_ww.items");
    lake.createPaimon("snap_ww.cdc");

    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService writers = Executors.newFixedThreadPool(3);
    CountDownLatch warmedUp = new CountDownLatch(3);
    Map<String, Future<List<SnapshotAt>>> commits = new java.util.LinkedHashMap<>();
    for (String table : TABLES) {
      commits.put(table, writers.submit(() -> keepWriting(lake, table, stop, warmedUp)));
    }
    assertTrue(warmedUp.await(120, TimeUnit.SECONDS), "every writer committed a few times");
    Instant t = Instant.now();
    CutResult result;
    try {
      // the cut waits for commits stamped before t to land, while the writers go on
      result = lake.actions().cut().tables(TABLES)
          .points(CutSchedule.single("at-t", t, Instant.now())).runId("test-ww").execute();
    } finally {
      stop.set(true);
      writers.shutdown();
    }

    assertEquals(3, result.count(Action.CREATED));
    for (TagOutcome tag : result.cuts().get(0).tags()) {
      String table = tag.table().table();
      String sparkName = lake.sparkName(table);
      List<SnapshotAt> log = commits.get(table).get();
      SnapshotAt expected = log.stream().filter(s -> !s.committedAt().isAfter(t)).reduce((a, b) -> b).orElseThrow();
      assertTrue(log.get(log.size() - 1).committedAt().isAfter(t), table + " was written to after the cut instant");
      assertEquals(expected.id(), tag.snapshotId(), table + ": the tag is on the last commit at or before t");
      assertEquals(lake.readAsOf(sparkName, t), lake.readTag(sparkName, "at-t"), table + ": tag reads as time travel to t");
      assertNotEquals(lake.readCurrent(sparkName), lake.readTag(sparkName, "at-t"), table + ": later writes are not in the cut");
    }
    assertTrue(lake.actions().verify().cut("at-t").execute().ok());
  }

  /** Commits one row after another until stopped; returns every commit's snapshot and time, in order. */
  private static List<SnapshotAt> keepWriting(LakeTables lake, String table, AtomicBoolean stop, CountDownLatch warmedUp) {
    List<SnapshotAt> log = new ArrayList<>();
    for (long id = 1; !stop.get(); id++) {
      lake.write(table, id, table + "-" + id);
      log.add(head(lake, table));
      if (log.size() == 3) {
        warmedUp.countDown();
      }
    }
    return log;
  }

  private static SnapshotAt head(LakeTables lake, String table) {
    String identifier = lake.session().config().table(table).identifier();
    if (lake.session().config().table(table).isIceberg()) {
      Table iceberg = lake.session().icebergTable(identifier);
      return new SnapshotAt(iceberg.currentSnapshot().snapshotId(),
          Instant.ofEpochMilli(iceberg.currentSnapshot().timestampMillis()));
    }
    org.apache.paimon.Snapshot latest = ((FileStoreTable) lake.session().paimonTable(identifier)).snapshotManager()
        .latestSnapshot();
    return new SnapshotAt(latest.id(), Instant.ofEpochMilli(latest.timeMillis()));
  }
}
