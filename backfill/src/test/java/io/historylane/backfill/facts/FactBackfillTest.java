package io.historylane.backfill.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.backfill.testing.ExpectedFacts;
import io.historylane.backfill.testing.SampleLake;
import io.historylane.core.lake.TableChecksum;
import io.historylane.core.time.DateRange;
import io.historylane.testdata.ChangeEvent;
import io.historylane.testkit.TestLake;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Fact backfills from the sample archive and the sample Paimon table equal what the history says,
 * computed independently, and reruns leave the table as it is.
 */
class FactBackfillTest {
  private static final List<String> SALES_COLUMNS = List.of("sale_id", "provider_id", "employee_id", "customer_id",
      "service_id", "appointment_id", "sold_at", "amount", "currency", "payment_method", "updated_at", "tip");
  private static final List<String> APPOINTMENT_COLUMNS = List.of("appointment_id", "provider_id", "employee_id",
      "customer_id", "service_id", "starts_at", "status", "created_at", "updated_at");

  private static Dataset<Row> days(TestLake lake, String table, String column, String from, String to) {
    return lake.spark().table("lake." + table).filter(column + " >= timestamp_ntz'" + from + " 00:00:00' AND "
        + column + " < timestamp_ntz'" + to + " 00:00:00'");
  }

  @Test
  void snapshotReadsAndStreamedChangesEqualTheIndependentExpectationAndRerunsChangeNothing() {
    TestLake lake = SampleLake.get();
    // December exists only as Debezium's snapshot reads; January is streamed changes: out-of-order
    // files, duplicate deliveries, deletes, rows moved across days, the tip column added on the way
    DateRange range = DateRange.parse("2024-12-01", "2025-02-01");
    FactBackfillResult first = FactBackfill.in(lake.session()).table("sales").range(range).runId("t-1").execute();
    TreeSet<String> expected = ExpectedFacts.of(SampleLake.history(), "sales", "sold_at", range.from(), range.to(),
        Long.MAX_VALUE, SALES_COLUMNS);
    Dataset<Row> table = days(lake, "history.sales", "sold_at", "2024-12-01", "2025-02-01");
    assertEquals(expected, ExpectedFacts.ofRows(table.collectAsList(), SALES_COLUMNS));
    assertEquals(expected.size(), table.select("sale_id").distinct().count(), "no key twice");
    assertTrue(first.sourceFiles() > 0 && first.sourceFiles() < 735, "read only the files that can hold the range");
    assertEquals(1, first.truncates().stream().filter(t -> "t".equals(t.get("op"))).count(), "the truncate is reported");
    assertTrue(first.changedDays().size() > 50, "every day with sales was written");
    TableChecksum.Sum checksum = TableChecksum.of(table);

    // a sale whose sold_at moved to another day is in its new day only
    ChangeEvent moved = movedAcrossDays(SampleLake.history().events("sales"), range);
    LocalDate newDay = ((LocalDateTime) moved.row().get("sold_at")).toLocalDate();
    List<Row> movedRows = table.filter("sale_id = " + moved.key()).collectAsList();
    assertEquals(1, movedRows.size());
    assertEquals(newDay, movedRows.get(0).<LocalDateTime>getAs("sold_at").toLocalDate());

    // the same range again: every chunk committed from the same inputs, nothing read or written
    FactBackfillResult again = FactBackfill.in(lake.session()).table("sales").range(range).runId("t-2").execute();
    assertEquals(first.snapshotAfter(), again.snapshotAfter());
    assertEquals(again.chunks().size(), again.count(ChunkOutcome.Status.SKIPPED_SAME_INPUTS));
    assertEquals(0, again.sourceFiles());

    // another split of the same days, read again (a cut-off makes the inputs differ): same content, no commit
    FactBackfillResult split = FactBackfill.in(lake.session()).table("sales").range(DateRange.parse("2025-01-10", "2025-01-20"))
        .asOf(Instant.parse("2030-01-01T00:00:00Z")).runId("t-3").execute();
    assertEquals(0, split.changedDays().size());
    assertEquals(first.snapshotAfter(), split.snapshotAfter(), "identical content commits nothing");
    assertEquals(checksum, TableChecksum.of(days(lake, "history.sales", "sold_at", "2024-12-01", "2025-02-01")));

    // a cut-off in the past gives the state as of then: days with later corrections differ, and only they are rewritten
    Instant cutOff = Instant.parse("2025-01-20T00:00:00Z");
    FactBackfillResult asOf = FactBackfill.in(lake.session()).table("sales").range(DateRange.parse("2025-01-10", "2025-01-20"))
        .asOf(cutOff).runId("t-4").execute();
    TreeSet<String> expectedAsOf = ExpectedFacts.of(SampleLake.history(), "sales", "sold_at", LocalDate.parse("2025-01-10"),
        LocalDate.parse("2025-01-20"), cutOff.toEpochMilli(), SALES_COLUMNS);
    assertEquals(expectedAsOf, ExpectedFacts.ofRows(days(lake, "history.sales", "sold_at", "2025-01-10", "2025-01-20")
        .collectAsList(), SALES_COLUMNS));
    assertFalse(asOf.changedDays().isEmpty());
    assertTrue(asOf.changedDays().size() < 10, "unchanged days are left alone: " + asOf.changedDays());
    FactBackfill.in(lake.session()).table("sales").range(DateRange.parse("2025-01-10", "2025-01-20")).runId("t-5").execute();
    assertEquals(checksum, TableChecksum.of(days(lake, "history.sales", "sold_at", "2024-12-01", "2025-02-01")));
  }

  private static ChangeEvent movedAcrossDays(List<ChangeEvent> events, DateRange range) {
    Map<Long, LocalDate> firstDay = new java.util.HashMap<>();
    List<ChangeEvent> candidates = new ArrayList<>();
    for (ChangeEvent e : events) {
      if (!e.carriesRow()) {
        continue;
      }
      LocalDate day = ((LocalDateTime) e.row().get("sold_at")).toLocalDate();
      LocalDate before = firstDay.putIfAbsent(e.key(), day);
      if (before != null && !before.equals(day) && range.contains(day) && range.contains(before)) {
        candidates.add(e);
      }
    }
    assertFalse(candidates.isEmpty(), "the sample moves sales across days");
    return candidates.get(0);
  }

  @Test
  void aPaimonPrimaryKeyTableIsReadAtItsSnapshotAndADryRunCommitsNothing() {
    TestLake lake = SampleLake.get();
    DateRange january = DateRange.parse("2025-01-01", "2025-02-01");
    FactBackfillResult plan = FactBackfill.in(lake.session()).table("appointments").range(january).dryRun(true)
        .runId("p-0").execute();
    assertFalse(lake.session().icebergTableExists("history.appointments"), "a dry run creates nothing");
    assertTrue(plan.days().stream().allMatch(d -> d.changed() && d.currentRows() == 0 && d.sourceRows() > 0));

    FactBackfillResult result = FactBackfill.in(lake.session()).table("appointments").range(january).runId("p-1").execute();
    // the sample's Paimon table holds the history's final state
    TreeSet<String> expected = ExpectedFacts.of(SampleLake.history(), "appointments", "starts_at", january.from(),
        january.to(), Long.MAX_VALUE, APPOINTMENT_COLUMNS);
    assertEquals(expected, ExpectedFacts.ofRows(days(lake, "history.appointments", "starts_at", "2025-01-01", "2025-02-01")
        .collectAsList(), APPOINTMENT_COLUMNS));
    assertEquals(plan.days().stream().mapToLong(DayStats::sourceRows).sum(), result.rowsWritten());
    assertNotEquals(null, result.snapshotAfter());
  }

  @Test
  void thePaimonChangelogReadSnapshotBySnapshotGivesTheSameFacts() {
    TestLake lake = SampleLake.get();
    lake.overlay("paimon-log", """
        tables:
          appointments_log:
            kind: fact
            iceberg: history.appointments_log
            source: {paimon: {table: cdc.appointments, mode: audit-log, commit-time-column: op_ts}}
            keys: [appointment_id]
            event-time: starts_at
        """);
    io.historylane.core.session.LakehouseSession session =
        io.historylane.core.session.LakehouseSession.open(lake.load("minio,paimon-log"), "paimon-log");
    DateRange january = DateRange.parse("2025-01-01", "2025-02-01");
    FactBackfillResult result = FactBackfill.in(session).table("appointments_log").range(january).runId("log-1").execute();
    assertTrue(result.sourceFiles() > 5, "one input per APPEND snapshot: " + result.sourceFiles());
    TreeSet<String> expected = ExpectedFacts.of(SampleLake.history(), "appointments", "starts_at", january.from(),
        january.to(), Long.MAX_VALUE, APPOINTMENT_COLUMNS);
    assertEquals(expected, ExpectedFacts.ofRows(days(lake, "history.appointments_log", "starts_at", "2025-01-01",
        "2025-02-01").collectAsList(), APPOINTMENT_COLUMNS));
  }

  @Test
  void aTableBuiltBeforeTheSourceGainedAColumnGainsIt() {
    TestLake lake = SampleLake.get();
    lake.overlay("evolve", """
        tables:
          sales_evolve: {kind: fact, iceberg: evolve.sales, source: {debezium: {topic: pg.public.sales, late-update-horizon: 3d}},
                         keys: [sale_id], event-time: sold_at}
        """);
    io.historylane.core.session.LakehouseSession session =
        io.historylane.core.session.LakehouseSession.open(lake.load("minio,evolve"), "evolve");
    // December and early January: every archive file that can hold them predates the tip column
    FactBackfillResult before = FactBackfill.in(session).table("sales_evolve").range(DateRange.parse("2024-12-20", "2025-01-10"))
        .runId("ev-1").execute();
    assertFalse(java.util.Arrays.asList(lake.spark().table("lake.evolve.sales").columns()).contains("tip"));
    assertTrue(before.schemaChanges().isEmpty());
    FactBackfillResult after = FactBackfill.in(session).table("sales_evolve").range(DateRange.parse("2025-02-10", "2025-02-15"))
        .runId("ev-2").execute();
    assertEquals(List.of("+tip"), after.schemaChanges());
    assertTrue(lake.spark().table("lake.evolve.sales").filter("tip IS NOT NULL").count() > 0);
    assertEquals(0, lake.spark().table("lake.evolve.sales")
        .filter("sold_at < timestamp_ntz'2025-01-10 00:00:00' AND tip IS NOT NULL").count(), "older rows read null");
  }
}
