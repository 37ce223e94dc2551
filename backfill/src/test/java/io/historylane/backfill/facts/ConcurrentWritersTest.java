package io.historylane.backfill.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.backfill.testing.ExpectedFacts;
import io.historylane.backfill.testing.SampleLake;
import io.historylane.backfill.testing.WhenJobStarts;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;
import io.historylane.testkit.TestLake;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Another writer committing into the range while a backfill runs is detected, never overwritten;
 * with write-audit-publish, a branch that fails its audit leaves main untouched and stays.
 */
class ConcurrentWritersTest {
  private static final DateRange WEEK = DateRange.parse("2025-01-01", "2025-01-08");
  private static TestLake lake;
  private static LakehouseSession session;

  @BeforeAll
  static void tables() {
    lake = SampleLake.get();
    lake.overlay("concurrent", """
        tables:
          sales_race:
            kind: fact
            iceberg: race.sales
            source: {debezium: {topic: pg.public.sales}}
            keys: [sale_id]
            event-time: sold_at
            bucket: {column: provider_id, count: 2}
          sales_wap:
            kind: fact
            iceberg: race.sales_wap
            source: {debezium: {topic: pg.public.sales}}
            keys: [sale_id]
            event-time: sold_at
            write-audit-publish: true
        """);
    LoadedConfig loaded = lake.load("minio,concurrent");
    session = LakehouseSession.open(loaded, "concurrent");
  }

  private static List<DataFile> filesOn(Table table, String day) {
    List<DataFile> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan()
        .filter(Expressions.equal(Expressions.day("sold_at"), day)).planFiles()) {
      tasks.forEach(t -> files.add(t.file()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return files;
  }

  @Test
  void aCommitIntoTheRangeDuringTheBackfillIsDetectedNotOverwritten() throws Exception {
    FactBackfill.in(session).table("sales_race").range(WEEK).runId("race-1").execute();
    Table table = session.icebergTable("race.sales");
    // make Jan 3 differ from the history so the next run rewrites it
    lake.spark().sql("DELETE FROM lake.race.sales WHERE sold_at >= timestamp_ntz'2025-01-03 00:00:00'"
        + " AND sold_at < timestamp_ntz'2025-01-04 00:00:00' AND sale_id % 2 = 0");
    table.refresh();
    DataFile january3 = filesOn(table, "2025-01-03").get(0);
    long concurrent;
    try (WhenJobStarts writer = WhenJobStarts.run(lake.spark(), "resolve each key's changes",
        () -> session.icebergTable("race.sales").newAppend().appendFile(january3).commit())) {
      RunFailedException e = assertThrows(RunFailedException.class,
          () -> FactBackfill.in(session).table("sales_race").range(WEEK).runId("race-2").execute());
      assertTrue(writer.ran());
      assertTrue(e.getMessage().contains("a concurrent commit changed race.sales"), e.getMessage());
      table.refresh();
      concurrent = table.currentSnapshot().snapshotId();
      assertEquals("append", table.currentSnapshot().operation(), "the other writer's commit is the last one");
    }
    assertTrue(filesOn(table, "2025-01-03").stream().anyMatch(f -> f.location().equals(january3.location())),
        "the other writer's file is still there");
    // the rerun rebuilds on top of the other commit
    FactBackfillResult rerun = FactBackfill.in(session).table("sales_race").range(WEEK).runId("race-3").execute();
    assertTrue(rerun.changedDays().contains(java.time.LocalDate.parse("2025-01-03")));
    assertFalse(rerun.snapshotAfter().equals(concurrent));
    List<String> columns = List.of("sale_id", "sold_at", "amount", "tip");
    assertEquals(ExpectedFacts.of(SampleLake.history(), "sales", "sold_at", WEEK.from(), WEEK.to(), Long.MAX_VALUE, columns),
        ExpectedFacts.ofRows(lake.spark().table("lake.race.sales").collectAsList(), columns), "back to exactly the history");
  }

  @Test
  void aBranchThatFailsItsAuditLeavesMainUntouchedAndStays() throws Exception {
    FactBackfillResult first = FactBackfill.in(session).table("sales_wap").range(WEEK).runId("wap-1").execute();
    Table table = session.icebergTable("race.sales_wap");
    assertFalse(table.refs().containsKey(first.wapBranch()), "a published branch is removed");
    assertEquals(first.snapshotAfter(), table.currentSnapshot().snapshotId(), "main was fast-forwarded");
    assertTrue(first.changedDays().size() == 7);

    lake.spark().sql("DELETE FROM lake.race.sales_wap WHERE sold_at >= timestamp_ntz'2025-01-05 00:00:00'"
        + " AND sold_at < timestamp_ntz'2025-01-06 00:00:00'");
    table.refresh();
    long mainBefore = table.currentSnapshot().snapshotId();
    DataFile january2 = filesOn(table, "2025-01-02").get(0);
    try (WhenJobStarts writer = WhenJobStarts.run(lake.spark(), "audit branch",
        () -> session.icebergTable("race.sales_wap").newAppend().toBranch(first.wapBranch()).appendFile(january2).commit())) {
      RunFailedException e = assertThrows(RunFailedException.class,
          () -> FactBackfill.in(session).table("sales_wap").range(WEEK).runId("wap-2").execute());
      assertTrue(writer.ran());
      assertTrue(e.getMessage().contains("audit of race.sales_wap branch " + first.wapBranch() + " failed"), e.getMessage());
      assertTrue(e.getMessage().contains("keys appear more than once"), e.getMessage());
    }
    table.refresh();
    assertEquals(mainBefore, table.currentSnapshot().snapshotId(), "main untouched");
    assertTrue(table.refs().containsKey(first.wapBranch()), "the branch stays for inspection");
    assertEquals(0, lake.spark().table("lake.race.sales_wap").filter("sold_at >= timestamp_ntz'2025-01-05 00:00:00'"
        + " AND sold_at < timestamp_ntz'2025-01-06 00:00:00'").count(), "main still lacks the day the branch rewrote");
  }
}
