package io.historylane.app.cli;

import io.historylane.backfill.dims.DimensionBackfillResult;
import io.historylane.backfill.dims.VerificationResult;
import io.historylane.backfill.dims.Violation;
import io.historylane.core.report.ChangeKind;
import io.historylane.core.report.ChangeSet;
import io.historylane.core.report.RunRecorder;
import io.historylane.core.report.TableChange;
import io.historylane.core.report.TableReport;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a dimension backfill's and a verification's results into report entries and terminal output. */
final class DimensionReports {
  private DimensionReports() {}

  static void record(RunRecorder recorder, DimensionBackfillResult r) {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("source_files", (long) r.sourceFiles());
    counters.put("source_bytes", r.sourceBytes());
    counters.put("keys_changed", r.keysChanged());
    counters.put("versions_written", r.versionsWritten());
    counters.put("versions_removed", r.versionsRemoved());
    counters.put("rejected_records", r.rejected());
    counters.put("invariant_violations", r.verification().violationCount());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("range", r.range().isAll() ? "all" : r.range().toString());
    details.put("as_of", r.asOf() == null ? "latest" : r.asOf().toString());
    details.put("verification", verification(r.verification()));
    BackfillReports.historyDetails(details, r.truncates(), r.quarantine(), r.schemaChanges());
    recorder.table(new TableReport(r.table(), r.identifier(), "iceberg", r.snapshotBefore(), r.snapshotAfter(), List.of(),
        counters, details));
    recorder.change(changes(r));
  }

  /** A dimension's change touches every day that reads it: downstream treats it as a whole-table change. */
  static ChangeSet changes(DimensionBackfillResult r) {
    return !r.changed() ? ChangeSet.EMPTY : new ChangeSet(List.of(new TableChange(r.table(), r.identifier(), "iceberg",
        ChangeKind.DATA, List.of(), r.snapshotAfter())));
  }

  static Map<String, Object> verification(VerificationResult v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("keys_checked", v.keysChecked());
    out.put("violations", v.violationCount());
    out.put("passed", v.passed());
    if (!v.passed()) {
      out.put("first_violations", v.violations().stream().map(Violation::toString).toList());
    }
    return out;
  }

  static void print(PrintStream out, DimensionBackfillResult r) {
    out.printf("%s %s %s: %d keys changed, %d versions %s, %d removed; read %d files, %d KiB; invariants of the"
            + " changed keys: %s%s%n",
        r.dryRun() ? "would rebuild" : "rebuilt", r.identifier(), r.range().isAll() ? "(all history)" : r.range(),
        r.keysChanged(), r.versionsWritten(), r.dryRun() ? "to write" : "written", r.versionsRemoved(), r.sourceFiles(),
        r.sourceBytes() / 1024, r.dryRun() ? "not checked (dry run)" : r.verification().passed() ? "hold" : "BROKEN",
        r.rejected() > 0 ? "; " + r.rejected() + " bad records quarantined in " + r.quarantine() : "");
  }

  static void print(PrintStream out, String table, VerificationResult v) {
    if (v.passed()) {
      out.printf("%s: every invariant holds (%d keys checked)%n", table, v.keysChecked());
      return;
    }
    out.printf("%s: %d violation(s) in %d keys checked%n", table, v.violationCount(), v.keysChecked());
    for (Violation violation : v.violations()) {
      out.println("  " + violation);
    }
    if (v.violationCount() > v.violations().size()) {
      out.printf("  ... and %d more (the report lists the first ones)%n", v.violationCount() - v.violations().size());
    }
  }
}
