package io.historylane.app.cli;

import io.historylane.backfill.facts.ChunkOutcome;
import io.historylane.backfill.facts.DayStats;
import io.historylane.backfill.facts.FactBackfillResult;
import io.historylane.core.report.ChangeKind;
import io.historylane.core.report.ChangeSet;
import io.historylane.core.report.RunRecorder;
import io.historylane.core.report.TableChange;
import io.historylane.core.report.TableReport;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a fact backfill's result into its report entries, its change set and the terminal summary. */
final class BackfillReports {
  private BackfillReports() {}

  static void record(RunRecorder recorder, FactBackfillResult r) {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("source_files", (long) r.sourceFiles());
    counters.put("source_bytes", r.sourceBytes());
    counters.put("rows_written", r.rowsWritten());
    counters.put("days_changed", (long) r.changedDays().size());
    counters.put("days_in_range", r.range().days());
    counters.put("chunks", (long) r.chunks().size());
    counters.put("chunks_committed", r.count(ChunkOutcome.Status.COMMITTED));
    counters.put("chunks_skipped_same_inputs", r.count(ChunkOutcome.Status.SKIPPED_SAME_INPUTS));
    counters.put("chunks_unchanged", r.count(ChunkOutcome.Status.UNCHANGED));
    counters.put("rejected_records", r.rejected());
    counters.put("truncates", r.truncates().stream().filter(t -> "t".equals(t.get("op"))).count());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("range", r.range().toString());
    details.put("as_of", r.asOf() == null ? "latest" : r.asOf().toString());
    details.put("chunks", chunks(r));
    details.put("days", days(r));
    historyDetails(details, r.truncates(), r.quarantine(), r.schemaChanges());
    if (r.wapBranch() != null) {
      details.put("wap_branch", r.wapBranch());
    }
    recorder.table(new TableReport(r.table(), r.identifier(), "iceberg", r.snapshotBefore(), r.snapshotAfter(),
        r.changedDays().stream().map(LocalDate::toString).toList(), counters, details));
    recorder.change(changes(r));
  }

  /**
   * What reading the history met, in the report's details: truncates and messages, where rejected
   * records went, and how the table's schema evolved (each only when there is something).
   */
  static void historyDetails(Map<String, Object> details, List<?> truncates, Object quarantine, List<?> schemaChanges) {
    if (!truncates.isEmpty()) {
      details.put("truncates_and_messages", truncates);
    }
    if (quarantine != null) {
      details.put("quarantine", quarantine);
    }
    if (!schemaChanges.isEmpty()) {
      details.put("schema_changes", schemaChanges);
    }
  }

  /** The days a backfill rewrote, as data changes (nothing for a dry run). */
  static ChangeSet changes(FactBackfillResult r) {
    return r.dryRun() || r.changedDays().isEmpty() ? ChangeSet.EMPTY
        : new ChangeSet(List.of(new TableChange(r.table(), r.identifier(), "iceberg", ChangeKind.DATA, r.changedDays(),
            r.snapshotAfter())));
  }

  private static List<Map<String, Object>> chunks(FactBackfillResult r) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ChunkOutcome c : r.chunks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("range", c.range().toString());
      m.put("status", c.status().name().toLowerCase());
      m.put("days_written", c.daysWritten().size());
      m.put("rows_written", c.rowsWritten());
      if (c.snapshotId() != null) {
        m.put("snapshot_id", c.snapshotId());
      }
      m.put("duration_ms", c.durationMs());
      out.add(m);
    }
    return out;
  }

  private static List<Map<String, Object>> days(FactBackfillResult r) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DayStats d : r.days()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("day", d.day().toString());
      m.put("source_rows", d.sourceRows());
      m.put("current_rows", d.currentRows());
      m.put("rows_to_write", d.rowsToWrite());
      out.add(m);
    }
    return out;
  }

  static void print(PrintStream out, FactBackfillResult r) {
    if (r.dryRun()) {
      out.printf("dry run: backfill facts %s %s (nothing committed)%n", r.table(), r.range());
      out.printf("  %-10s %12s %12s %12s%n", "day", "source rows", "table rows", "to write");
      for (DayStats d : r.days()) {
        out.printf("  %-10s %12d %12d %12d%s%n", d.day(), d.sourceRows(), d.currentRows(), d.rowsToWrite(),
            d.changed() ? "" : "  (unchanged)");
      }
    }
    out.printf("%s %s %s: %d of %d days %s, %d rows; %d chunks (%d committed, %d skipped: same inputs, %d unchanged);"
            + " read %d files, %d KiB%s%n",
        r.dryRun() ? "would backfill" : "backfilled", r.identifier(), r.range(), r.changedDays().size(), r.range().days(),
        r.dryRun() ? "to rewrite" : "rewritten", r.rowsWritten(), r.chunks().size(),
        r.count(ChunkOutcome.Status.COMMITTED), r.count(ChunkOutcome.Status.SKIPPED_SAME_INPUTS),
        r.count(ChunkOutcome.Status.UNCHANGED), r.sourceFiles(), r.sourceBytes() / 1024,
        r.rejected() > 0 ? "; " + r.rejected() + " bad records quarantined in " + r.quarantine() : "");
  }
}
