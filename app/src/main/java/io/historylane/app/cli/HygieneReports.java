package io.historylane.app.cli;

import io.historylane.compaction.hygiene.PinningTag;
import io.historylane.compaction.hygiene.TableExpiry;
import io.historylane.compaction.hygiene.dropped.DroppedPrefix;
import io.historylane.compaction.hygiene.dropped.DroppedTablesResult;
import io.historylane.compaction.hygiene.orphans.OrphanFile;
import io.historylane.compaction.hygiene.orphans.OrphanSweepResult;
import io.historylane.compaction.hygiene.orphans.TableOrphans;
import io.historylane.compaction.hygiene.quarantine.PurgeResult;
import io.historylane.compaction.hygiene.quarantine.QuarantineManifest;
import io.historylane.compaction.hygiene.quarantine.RestoreResult;
import io.historylane.core.report.RunRecorder;
import io.historylane.core.report.TableReport;
import io.historylane.core.time.Durations;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Report entries and terminal summaries of the hygiene commands. */
final class HygieneReports {
  /** Files listed one by one in a report or at the terminal; the rest are counted. */
  private static final int LISTED = 1000;
  private static final int PRINTED = 20;

  private HygieneReports() {}

  static void expiry(RunRecorder recorder, PrintStream out, TableExpiry e, boolean dryRun) {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("snapshots_expired", (long) e.expired().size());
    counters.put("snapshots_left", (long) e.snapshotsLeft());
    counters.put("files_deleted", e.filesDeleted());
    counters.put("refs_kept", (long) e.refs().size());
    counters.put("tags_pinning_storage", (long) e.pinningTags().size());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("older_than", e.olderThan().toString());
    details.put("retain_last", e.retainLast());
    details.put("expired_snapshots", e.expired());
    details.put("refs", e.refs());
    details.put("pinning_tags", e.pinningTags().stream().map(HygieneReports::tag).toList());
    if (e.skipped() != null) {
      details.put("skipped", e.skipped());
    }
    recorder.table(new TableReport(e.table(), e.identifier(), e.format(), null, null, List.of(), counters, details));
    out.printf("%s %d snapshots of %s (%s %s): older than %s, keeping the last %d; %d left, refs kept: %s%s%n",
        dryRun ? "would expire" : "expired", e.expired().size(), e.table(), e.format(), e.identifier(), e.olderThan(),
        e.retainLast(), e.snapshotsLeft(), e.refs().isEmpty() ? "none" : String.join(", ", e.refs()),
        e.filesDeleted() > 0 ? "; " + e.filesDeleted() + " files deleted" : "");
    for (PinningTag t : e.pinningTags()) {
      out.printf("  tag %s pins storage: its snapshot %d is %s old (tag-max-age %s)%n", t.name(), t.snapshotId(),
          Durations.humanize(t.age()), Durations.format(t.maxAge()));
    }
    if (e.skipped() != null) {
      out.printf("  left alone: %s%n", e.skipped());
    }
  }

  private static Map<String, Object> tag(PinningTag t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tag", t.name());
    m.put("snapshot_id", t.snapshotId());
    m.put("snapshot_time", t.snapshotTime().toString());
    m.put("age", Durations.format(t.age().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    m.put("tag_max_age", Durations.format(t.maxAge()));
    return m;
  }

  static void orphans(RunRecorder recorder, PrintStream out, OrphanSweepResult r) {
    for (TableOrphans t : r.tables()) {
      Map<String, Long> counters = new LinkedHashMap<>();
      counters.put("orphan_files", (long) t.orphans().size());
      counters.put("orphan_bytes", t.bytes());
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("location", t.location());
      details.put("min_age", Durations.format(t.minAge()));
      details.put("files", t.orphans().stream().limit(LISTED).map(HygieneReports::orphan).toList());
      if (t.orphans().size() > LISTED) {
        details.put("files_not_listed", t.orphans().size() - LISTED);
      }
      recorder.table(new TableReport(t.table(), t.identifier(), t.format(), null, null, List.of(), counters, details));
      out.printf("%s %d orphan files (%s) of %s (%s %s), older than %s%n", r.dryRun() ? "found" : "moved",
          t.orphans().size(), Sizes.human(t.bytes()), t.table(), t.format(), t.location(), Durations.format(t.minAge()));
      t.orphans().stream().limit(PRINTED).forEach(f -> out.printf("  %s  %s%n", f.path(), Sizes.human(f.size())));
      if (t.orphans().size() > PRINTED) {
        out.printf("  ... and %d more (all in the report)%n", t.orphans().size() - PRINTED);
      }
    }
    if (r.quarantine() != null) {
      recorder.detail("quarantine", r.quarantine());
      out.printf("moved into %s with a manifest; put them back with: historylane hygiene restore --run %s%n",
          r.quarantine(), r.runId());
    } else if (r.dryRun() && r.files() > 0) {
      out.println("dry run: nothing moved");
    }
  }

  private static Map<String, Object> orphan(OrphanFile f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", f.path());
    m.put("size", f.size());
    m.put("modified_at", f.modifiedAt().toString());
    return m;
  }

  static void restore(RunRecorder recorder, PrintStream out, RestoreResult r) {
    QuarantineManifest m = r.manifest();
    Map<String, Object> details = run(m);
    details.put("restored", r.restored());
    details.put("already_in_place", r.alreadyInPlace());
    recorder.detail("restore", details);
    out.printf("%s %d files of %s run %s (moved %s; %d already in place, checked byte for byte)%n",
        r.dryRun() ? "would restore" : "restored", r.restored(), m.kind(), m.runId(), m.movedAt(), r.alreadyInPlace());
  }

  static void purge(RunRecorder recorder, PrintStream out, PurgeResult r) {
    recorder.detail("purged", r.purged().stream().map(HygieneReports::run).toList());
    recorder.detail("kept", r.kept().size());
    for (QuarantineManifest m : r.purged()) {
      out.printf("  %s %s run %s: %d files, %s, moved %s%n", r.dryRun() ? "would delete" : "deleted", m.kind(),
          m.runId(), m.files().size(), Sizes.human(m.bytes()), m.movedAt());
    }
    out.printf("%s %d quarantine runs (%s); %d younger runs kept%n", r.dryRun() ? "would purge" : "purged",
        r.purged().size(), Sizes.human(r.bytesPurged()), r.kept().size());
  }

  private static Map<String, Object> run(QuarantineManifest m) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("run_id", m.runId());
    details.put("kind", m.kind());
    details.put("moved_at", m.movedAt().toString());
    details.put("files", m.files().size());
    details.put("bytes", m.bytes());
    return details;
  }

  static void dropped(RunRecorder recorder, PrintStream out, DroppedTablesResult r) {
    recorder.detail("dropped_prefixes", r.prefixes().stream().map(HygieneReports::prefix).toList());
    recorder.detail("notes", r.notes());
    for (DroppedPrefix p : r.prefixes()) {
      out.printf("  %-11s %-7s %s: %d files, %s, newest %s%n", p.status().name().toLowerCase(Locale.ROOT).replace('_', '-'),
          p.format(), p.location(), p.files(), Sizes.human(p.bytes()), p.newest());
    }
    r.notes().forEach(n -> out.println("  note: " + n));
    out.printf("%d prefixes no catalog table owns, %s%s%n", r.prefixes().size(), Sizes.human(r.bytes()),
        r.quarantine() != null ? "; moved into " + r.quarantine() + "; undo: historylane hygiene restore --run " + r.runId()
            : r.prefixes().isEmpty() ? "" : "; add --quarantine to move them (restorable)");
  }

  private static Map<String, Object> prefix(DroppedPrefix p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("location", p.location());
    m.put("format", p.format());
    m.put("files", p.files());
    m.put("bytes", p.bytes());
    m.put("newest", p.newest().toString());
    m.put("status", p.status().name().toLowerCase(Locale.ROOT));
    return m;
  }
}
