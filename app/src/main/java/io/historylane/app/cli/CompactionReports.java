package io.historylane.app.cli;

import io.historylane.compaction.PartitionOutcome;
import io.historylane.compaction.PartitionOutcome.Status;
import io.historylane.compaction.TableCompaction;
import io.historylane.compaction.Verification;
import io.historylane.compaction.plan.FileLayout;
import io.historylane.compaction.plan.PlanAction;
import io.historylane.compaction.plan.TablePlan;
import io.historylane.core.report.ChangeKind;
import io.historylane.core.report.ChangeSet;
import io.historylane.core.report.RunRecorder;
import io.historylane.core.report.TableChange;
import io.historylane.core.report.TableReport;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a compaction's result into its report entry (per partition: files, bytes and health
 * before and after), its change set (layout only: no materialized view refreshes for it) and the
 * plan or summary printed at the terminal.
 */
final class CompactionReports {
  private CompactionReports() {}

  static void record(RunRecorder recorder, TableCompaction r) {
    TablePlan plan = r.plan();
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("partitions_in_scope", (long) plan.partitions().size());
    counters.put("partitions_planned", (long) plan.withWork().size());
    counters.put("partitions_compacted", (long) r.with(Status.COMPACTED).size());
    counters.put("partitions_deferred", (long) r.with(Status.DEFERRED).size());
    counters.put("partitions_quiet", (long) r.with(Status.QUIET).size());
    counters.put("partitions_healthy", (long) r.with(Status.HEALTHY).size());
    counters.put("files_before", (long) plan.filesBefore());
    counters.put("bytes_before", plan.bytesBefore());
    counters.put("files_after", (long) (r.dryRun() ? plan.expectedFilesAfter() : r.filesAfter()));
    counters.put("bytes_after", r.dryRun() ? plan.bytesBefore() : r.bytesAfter());
    counters.put("bytes_to_rewrite", plan.bytesToRewrite());
    counters.put("bytes_rewritten", r.bytesRewritten());
    counters.put("files_rewritten", (long) r.filesRewritten());
    counters.put("files_added", (long) r.filesAdded());
    counters.put("delete_files_removed", (long) r.deleteFilesRemoved());
    counters.put("passes", (long) r.passes());
    counters.put("commits", (long) r.commits());
    counters.put("conflicts", (long) r.conflicts());
    counters.put("verified_commit_runs", (long) r.verifications().size());
    counters.put("verify_ms", r.verifyMs());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("dry_run", r.dryRun());
    details.put("strategy", plan.strategy());
    details.put("target_file_size", plan.targetFileSize());
    details.put("planned_at", plan.plannedAt().toString());
    details.put("partitions", r.partitions().stream().map(CompactionReports::partition).toList());
    details.put("verifications", r.verifications().stream().map(CompactionReports::verification).toList());
    List<String> touched = r.partitions().stream()
        .filter(p -> p.status() == (r.dryRun() ? Status.PLANNED : Status.COMPACTED))
        .map(p -> p.plan().partition().label()).toList();
    recorder.table(new TableReport(plan.table(), plan.identifier(), plan.format(), plan.snapshotId(), r.snapshotAfter(),
        touched, counters, details));
    recorder.change(changes(r));
  }

  /** A compaction's layout-only change of the days it compacted (nothing when no file changed). */
  static ChangeSet changes(TableCompaction r) {
    TablePlan plan = r.plan();
    return !r.changed() ? ChangeSet.EMPTY : new ChangeSet(List.of(new TableChange(plan.table(), plan.identifier(),
        plan.format(), ChangeKind.LAYOUT, plan.dayPartitioned() ? r.compactedDays() : List.of(), r.snapshotAfter())));
  }

  private static Map<String, Object> partition(PartitionOutcome p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("partition", p.plan().partition().label());
    if (p.plan().partition().day() != null) {
      m.put("day", p.plan().partition().day().toString());
    }
    m.put("status", p.status().name().toLowerCase(Locale.ROOT));
    m.put("actions", p.plan().actions().stream().map(PlanAction::label).sorted().toList());
    m.put("before", layout(p.plan().before(), p.healthBefore()));
    m.put("after", layout(p.after(), p.healthAfter()));
    m.put("files_to_rewrite", p.plan().filesToRewrite());
    m.put("bytes_to_rewrite", p.plan().bytesToRewrite());
    m.put("expected_files_after", p.plan().expectedFiles());
    if (p.conflicts() > 0) {
      m.put("conflicting_passes", p.conflicts());
    }
    return m;
  }

  private static Map<String, Object> layout(FileLayout l, int health) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files", l.dataFiles());
    m.put("bytes", l.dataBytes());
    m.put("records", l.records());
    m.put("fragments", l.fragments());
    m.put("undersized", l.undersized());
    m.put("delete_files", l.deleteFiles());
    m.put("deleted_records", l.deleteRecords());
    m.put("manifests", l.manifests());
    m.put("health", health);
    return m;
  }

  private static Map<String, Object> verification(Verification v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("snapshot_before", v.snapshotBefore());
    m.put("snapshot_after", v.snapshotAfter());
    m.put("partitions", v.partitions());
    m.put("rows", v.rows());
    m.put("checksum", v.checksum().toPlainString());
    return m;
  }

  static void print(PrintStream out, TableCompaction r) {
    TablePlan plan = r.plan();
    out.printf("%s %s (%s %s, %s, target %s)%s%n", r.dryRun() ? "plan for" : "compacted", plan.table(), plan.format(),
        plan.identifier(), plan.strategy(), Sizes.human(plan.targetFileSize()), r.dryRun() ? ": dry run, nothing committed" : "");
    if (!plan.partitions().isEmpty()) {
      out.printf("  %-48s %-9s %6s %10s %6s  %6s %10s %6s  %10s%n", "partition", "status", "files", "bytes", "health",
          r.dryRun() ? "expect" : "files", "bytes", "health", "rewrite");
      for (PartitionOutcome p : r.partitions()) {
        FileLayout b = p.plan().before();
        int filesAfter = r.dryRun() ? p.plan().expectedFiles() : p.after().dataFiles();
        long bytesAfter = r.dryRun() ? b.dataBytes() : p.after().dataBytes();
        out.printf("  %-48s %-9s %6d %10s %6d  %6d %10s %6s  %10s%s%n", p.plan().partition().label(),
            p.status().name().toLowerCase(Locale.ROOT), b.dataFiles(), Sizes.human(b.dataBytes()), p.healthBefore(),
            filesAfter, Sizes.human(bytesAfter), r.dryRun() ? "" : String.valueOf(p.healthAfter()),
            p.plan().hasWork() ? Sizes.human(p.plan().bytesToRewrite()) : "-", actions(p));
      }
    }
    out.printf("  %s: %d of %d partitions (%d healthy, %d written within the quiet period%s); files %d -> %d%s;"
            + " %s to rewrite%s%n",
        r.dryRun() ? "would compact" : "compacted", r.dryRun() ? plan.withWork().size() : r.with(Status.COMPACTED).size(),
        plan.partitions().size(), r.with(Status.HEALTHY).size(), r.with(Status.QUIET).size(),
        r.with(Status.DEFERRED).isEmpty() ? "" : ", " + r.with(Status.DEFERRED).size() + " deferred after conflicts",
        plan.filesBefore(), r.dryRun() ? plan.expectedFilesAfter() : r.filesAfter(), r.dryRun() ? " (expected)" : "",
        Sizes.human(plan.bytesToRewrite()), r.dryRun() ? "" : String.format("; %d commits verified in %d runs, %d conflicting"
            + " groups retried", r.commits(), r.verifications().size(), r.conflicts()));
  }

  private static String actions(PartitionOutcome p) {
    if (!p.plan().hasWork()) {
      return "";
    }
    return "  " + p.plan().actions().stream().map(PlanAction::label).sorted().collect(Collectors.joining(","))
        + (p.conflicts() > 0 ? " (conflicted in " + p.conflicts() + " passes)" : "");
  }
}
