package io.historylane.app.cli;

import io.historylane.core.report.ChangeKind;
import io.historylane.core.report.ChangeSet;
import io.historylane.core.report.RunRecorder;
import io.historylane.core.report.TableChange;
import io.historylane.core.report.TableReport;
import io.historylane.core.time.Durations;
import io.historylane.snapshots.Cut;
import io.historylane.snapshots.CutCheck;
import io.historylane.snapshots.CutOutcome;
import io.historylane.snapshots.CutReading;
import io.historylane.snapshots.CutRemovalResult;
import io.historylane.snapshots.CutResult;
import io.historylane.snapshots.PublishResult;
import io.historylane.snapshots.RollbackResult;
import io.historylane.snapshots.TableRef;
import io.historylane.snapshots.TagOutcome;
import io.historylane.snapshots.VerifyResult;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the snapshot actions' results into report entries, change sets and what the terminal shows. */
final class SnapshotReports {
  private SnapshotReports() {}

  /** One table report per table (its tags and their snapshots), the cuts and the cut's duration as details. */
  static void recordCut(RunRecorder recorder, CutResult r) {
    Map<TableRef, List<Map<String, Object>>> tagsByTable = new LinkedHashMap<>();
    for (CutOutcome cut : r.cuts()) {
      for (TagOutcome tag : cut.tags()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tag", cut.name());
        m.put("as_of", cut.asOf().toString());
        if (tag.snapshotId() != null) {
          m.put("snapshot_id", tag.snapshotId());
          m.put("snapshot_at", tag.snapshotAt().toString());
        }
        m.put("action", action(tag.action()));
        tagsByTable.computeIfAbsent(tag.table(), k -> new ArrayList<>()).add(m);
      }
    }
    for (Map.Entry<TableRef, List<Map<String, Object>>> e : tagsByTable.entrySet()) {
      Map<String, Long> counters = new LinkedHashMap<>();
      for (TagOutcome.Action action : TagOutcome.Action.values()) {
        long n = e.getValue().stream().filter(m -> action(action).equals(m.get("action"))).count();
        if (n > 0) {
          counters.put("tags_" + action(action), n);
        }
      }
      TableRef t = e.getKey();
      recorder.table(new TableReport(t.table(), t.identifier(), t.format().configName(), null, null, List.of(), counters,
          Map.of("tags", e.getValue())));
    }
    List<Map<String, Object>> cuts = new ArrayList<>();
    for (CutOutcome cut : r.cuts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", cut.name());
      m.put("as_of", cut.asOf().toString());
      if (cut.retentionEnd() != null) {
        m.put("retention_end", cut.retentionEnd().toString());
      }
      m.put("tables", cut.tags().size());
      cuts.add(m);
    }
    recorder.detail("cuts", cuts);
    recorder.detail("cut_ms", r.durationMs());
    recorder.detail("waited_ms", r.waitedMs());
    recorder.detail("manifest_changed", r.manifestChanged());
  }

  static void printCut(PrintStream out, CutResult r) {
    for (CutOutcome cut : r.cuts()) {
      out.printf("%s %s as of %s%s:%n", r.dryRun() ? "would cut" : "cut", cut.name(), cut.asOf(),
          cut.retentionEnd() == null ? "" : " (kept until " + cut.retentionEnd() + ")");
      for (TagOutcome tag : cut.tags()) {
        String snapshot = tag.snapshotId() == null ? "no snapshot at or before the cut"
            : "snapshot " + tag.snapshotId() + " committed " + tag.snapshotAt();
        out.printf("  %-20s %-8s %-28s %s  %s%n", tag.table().table(), tag.table().format().configName(),
            tag.table().identifier(), snapshot, (r.dryRun() && tag.changes() ? "would be " : "") + action(tag.action()));
      }
    }
    out.printf("%d cut(s), %d tag(s): %d created, %d moved, %d unchanged, %d skipped%s; metadata only, %s%s%n",
        r.cuts().size(), r.cuts().stream().mapToLong(c -> c.tags().size()).sum(), r.count(TagOutcome.Action.CREATED),
        r.count(TagOutcome.Action.MOVED), r.count(TagOutcome.Action.UNCHANGED), r.count(TagOutcome.Action.NO_SNAPSHOT),
        r.count(TagOutcome.Action.REMOVED) > 0 ? ", " + r.count(TagOutcome.Action.REMOVED) + " removed" : "",
        Durations.humanize(Duration.ofMillis(r.durationMs())), r.waitedMs() == 0 ? ""
            : " (after waiting " + Durations.humanize(Duration.ofMillis(r.waitedMs())) + " for commits stamped before"
                + " the instant to land)");
  }

  private static String action(TagOutcome.Action action) {
    return switch (action) {
      case NO_SNAPSHOT -> "skipped";
      default -> action.name().toLowerCase();
    };
  }

  static void recordCuts(RunRecorder recorder, List<Cut> cuts) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Cut cut : cuts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", cut.name());
      m.put("as_of", cut.asOf().toString());
      m.put("retention_end", cut.retentionEnd().toString());
      m.put("tables", cut.entries().stream().map(e -> e.table()).toList());
      list.add(m);
    }
    recorder.detail("cuts", list);
  }

  static void printList(PrintStream out, List<Cut> cuts) {
    if (cuts.isEmpty()) {
      out.println("no cuts yet: make one with `historylane snapshot cut`");
      return;
    }
    out.printf("%-24s %-24s %6s  %-24s %s%n", "name", "as of", "tables", "kept until", "created by");
    for (Cut cut : cuts) {
      out.printf("%-24s %-24s %6d  %-24s %s%n", cut.name(), cut.asOf(), cut.entries().size(), cut.retentionEnd(),
          cut.creator());
    }
  }

  static void printShow(PrintStream out, CutReading reading) {
    Cut cut = reading.cut();
    out.printf("cut %s: the tables as they were at %s%n", cut.name(), cut.asOf());
    out.printf("  made %s by %s (run %s), kept until %s%n", cut.createdAt(), cut.creator(), cut.runId(), cut.retentionEnd());
    for (CutReading.Table t : reading.tables()) {
      out.printf("%n  %s (%s %s): snapshot %d, committed %s%n", t.entry().table(), t.entry().format().configName(),
          t.entry().identifier(), t.entry().snapshotId(), t.entry().snapshotAt());
      out.println("    Spark SQL:  " + t.sparkSql() + ";");
      out.println("    StarRocks:  " + t.starRocksSql() + ";");
    }
    if (reading.tables().stream().anyMatch(t -> t.starRocksSql().contains(CutReading.UNKNOWN_STARROCKS_CATALOG))) {
      out.printf("%n  %s: name StarRocks' external catalogs with starrocks.iceberg-catalog and starrocks.paimon-catalog"
          + " (or tables.NAME.starrocks.catalog) in the config%n", CutReading.UNKNOWN_STARROCKS_CATALOG);
    }
  }

  static void recordVerify(RunRecorder recorder, VerifyResult r) {
    List<Map<String, Object>> cuts = new ArrayList<>();
    for (CutCheck c : r.cuts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("status", status(c));
      m.put("tags", c.tags());
      if (!c.problems().isEmpty()) {
        m.put("problems", c.problems());
      }
      cuts.add(m);
    }
    recorder.detail("cuts", cuts);
  }

  static void printVerify(PrintStream out, VerifyResult r) {
    for (CutCheck c : r.cuts()) {
      out.printf("%-24s %-24s %d tag(s)  %s%n", c.name(), c.asOf(), c.tags(), status(c));
      c.problems().forEach(p -> out.println("    " + p));
    }
    long checked = r.cuts().stream().filter(c -> !c.expired()).count();
    out.printf("%d cut(s) checked, %d sound%s%n", checked, r.cuts().stream().filter(c -> !c.expired() && c.ok()).count(),
        checked < r.cuts().size() ? ", " + (r.cuts().size() - checked) + " past retention (removed by hygiene expire)" : "");
  }

  private static String status(CutCheck c) {
    return c.expired() ? "expired" : c.ok() ? "ok" : "BROKEN";
  }

  static void recordRemoval(RunRecorder recorder, CutRemovalResult r) {
    recorder.detail("cuts", r.cuts().stream().map(Cut::name).toList());
    recorder.detail("tags_removed", r.tagsRemoved());
    recorder.detail("tags_already_gone", r.tagsAlreadyGone());
  }

  static void printRemoval(PrintStream out, CutRemovalResult r) {
    String verb = r.dryRun() ? "would remove" : "removed";
    for (Cut cut : r.cuts()) {
      out.printf("%s cut %s (as of %s)%n", verb, cut.name(), cut.asOf());
    }
    r.tagsRemoved().forEach(t -> out.println("  " + verb + " tag " + t));
    r.tagsAlreadyGone().forEach(t -> out.println("  already gone: tag " + t));
  }

  /** The publish as a table report, and (unless a dry run) a data change of the days it touched. */
  static void recordPublish(RunRecorder recorder, PublishResult r) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("branch", r.branch());
    details.put("dry_run", r.dryRun());
    recorder.table(new TableReport(r.table(), r.identifier(), "iceberg", r.mainBefore(), r.mainAfter(),
        r.days().stream().map(LocalDate::toString).toList(), Map.of("commits_published", (long) r.commits()), details));
    if (!r.dryRun() && r.commits() > 0) {
      recorder.change(new ChangeSet(List.of(new TableChange(r.table(), r.identifier(), "iceberg", ChangeKind.DATA,
          r.days(), r.mainAfter()))));
    }
  }

  static void printPublish(PrintStream out, PublishResult r) {
    out.printf("%s branch %s of %s: main %s -> %d, %d commit(s), %s%n", r.dryRun() ? "would publish" : "published",
        r.branch(), r.identifier(), r.mainBefore() == null ? "(empty)" : r.mainBefore(), r.mainAfter(), r.commits(),
        r.days().isEmpty() ? "the whole table changed" : "days " + r.days());
  }

  /** The rollback as a table report, and (unless a dry run) a data change of the days it undid. */
  static void recordRollback(RunRecorder recorder, RollbackResult r) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("target", r.target());
    details.put("undone_snapshots", r.undone());
    details.put("dry_run", r.dryRun());
    recorder.table(new TableReport(r.table(), r.identifier(), "iceberg", r.mainBefore(), r.mainAfter(),
        r.days().stream().map(LocalDate::toString).toList(), Map.of("commits_undone", (long) r.undone().size()), details));
    if (!r.dryRun() && !r.undone().isEmpty()) {
      recorder.change(new ChangeSet(List.of(new TableChange(r.table(), r.identifier(), "iceberg", ChangeKind.DATA,
          r.days(), r.mainAfter()))));
    }
  }

  static void printRollback(PrintStream out, RollbackResult r) {
    out.printf("%s %s: main %d -> %d (%s), undoing %d commit(s) %s; roll forward again with --to %d%n",
        r.dryRun() ? "would roll back" : "rolled back", r.identifier(), r.mainBefore(), r.mainAfter(), r.target(),
        r.undone().size(), r.days().isEmpty() ? "across the whole table" : "on days " + r.days(), r.mainBefore());
  }
}
