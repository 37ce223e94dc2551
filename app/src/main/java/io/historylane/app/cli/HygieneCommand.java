package io.historylane.app.cli;

import io.historylane.compaction.hygiene.SnapshotExpiry;
import io.historylane.compaction.hygiene.TableExpiry;
import io.historylane.compaction.hygiene.dropped.DroppedTablesResult;
import io.historylane.compaction.hygiene.orphans.OrphanSweep;
import io.historylane.compaction.hygiene.orphans.OrphanSweepResult;
import io.historylane.compaction.hygiene.quarantine.PurgeResult;
import io.historylane.compaction.hygiene.quarantine.QuarantineActions;
import io.historylane.compaction.hygiene.quarantine.RestoreResult;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.report.Outcome;
import io.historylane.snapshots.CutRemovalResult;
import io.historylane.snapshots.SnapshotActions;
import io.historylane.core.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "hygiene", description = "Expire snapshots, sweep orphan files into quarantine, restore or purge them.",
    subcommands = {HygieneCommand.Expire.class, HygieneCommand.Orphans.class, HygieneCommand.Restore.class,
        HygieneCommand.Purge.class, HygieneCommand.DroppedTables.class})
public final class HygieneCommand {
  private HygieneCommand() {}

  @Command(name = "expire", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Expire old snapshots with the retention of each table's compaction policy.",
        "Snapshots held by a tag or branch are never expired; tags older than tag-max-age are reported."})
  static final class Expire extends RunCommand {
    @Mixin TablesOption tables;

    @Option(names = "--dry-run", description = "List what would expire; change nothing.")
    boolean dryRun;

    @Override
    protected void validate(LoadedConfig loaded) {
      tables.select(loaded.config());
    }

    /**
     * Cuts whose retention ended are removed first (their tags and manifest rows), so the manifest
     * never points at tags the expiry drops. A table left alone because expiry would drop a ref is
     * bad input: a person decides about refs.
     */
    @Override
    protected Outcome execute(RunContext ctx) {
      CutRemovalResult expiredCuts = ctx.recorder().step("expire cuts past their retention", () ->
          SnapshotActions.in(ctx.session()).expireCuts(Instant.now()).dryRun(dryRun).execute());
      SnapshotReports.recordRemoval(ctx.recorder(), expiredCuts);
      SnapshotReports.printRemoval(ctx.out(), expiredCuts);
      List<TableExpiry> results = ctx.recorder().step("expire snapshots", () -> SnapshotExpiry.in(ctx.session())
          .tables(tables.select(ctx.config())).dryRun(dryRun).runId(ctx.recorder().runId()).execute());
      results.forEach(e -> HygieneReports.expiry(ctx.recorder(), ctx.out(), e, dryRun));
      List<String> skipped = results.stream().filter(e -> e.skipped() != null).map(e -> e.table() + ": " + e.skipped()).toList();
      if (!skipped.isEmpty()) {
        throw new BadInputException("expiry left " + skipped.size() + " table(s) alone: " + String.join("; ", skipped));
      }
      return dryRun ? Outcome.DRY_RUN : Outcome.SUCCEEDED;
    }
  }

  @Command(name = "orphans", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Move files no snapshot, tag or branch references into a quarantine prefix, with a manifest.",
        "Nothing is deleted: `hygiene restore --run RUN` puts them back, `hygiene purge` deletes later."})
  static final class Orphans extends RunCommand {
    @Mixin TablesOption tables;

    @Option(names = "--min-age", paramLabel = "DURATION", description = "Only files older than this (default: the policy's orphan-min-age, at least 3d).")
    String minAge;

    @Option(names = "--i-know-orphan-age-is-unsafe", description = "Allow --min-age below 3 days (an in-flight write can look orphaned).")
    boolean unsafeAge;

    @Option(names = "--dry-run", description = "List what would move; change nothing.")
    boolean dryRun;

    private Duration minAge() {
      return minAge == null ? null : Durations.parse("--min-age", minAge);
    }

    @Override
    protected void validate(LoadedConfig loaded) {
      tables.select(loaded.config());
      if (minAge != null) {
        OrphanSweep.checkMinAge(minAge(), unsafeAge);
      }
    }

    @Override
    protected Outcome execute(RunContext ctx) {
      OrphanSweepResult result = ctx.recorder().step("sweep orphans", () -> OrphanSweep.in(ctx.session())
          .tables(tables.select(ctx.config())).minAge(minAge(), unsafeAge).dryRun(dryRun).runId(ctx.recorder().runId())
          .execute());
      HygieneReports.orphans(ctx.recorder(), ctx.out(), result);
      return dryRun ? Outcome.DRY_RUN : Outcome.SUCCEEDED;
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = "Put back, byte for byte, the files an orphan sweep (or a dropped-tables quarantine) moved.")
  static final class Restore extends RunCommand {
    @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "The run id of the sweep (from its report).")
    String run;

    @Option(names = "--dry-run", description = "List what would be restored; change nothing.")
    boolean dryRun;

    @Override
    protected Outcome execute(RunContext ctx) {
      RestoreResult result = ctx.recorder().step("restore " + run,
          () -> QuarantineActions.in(ctx.session()).restore(run, dryRun));
      HygieneReports.restore(ctx.recorder(), ctx.out(), result);
      return dryRun ? Outcome.DRY_RUN : Outcome.SUCCEEDED;
    }
  }

  @Command(name = "purge", mixinStandardHelpOptions = true,
      description = "Delete quarantined files for good once their quarantine is older than --older-than.")
  static final class Purge extends RunCommand {
    @Option(names = "--older-than", required = true, paramLabel = "DURATION", description = "e.g. 30d")
    String olderThan;

    @Option(names = "--dry-run", description = "List what would be deleted; change nothing.")
    boolean dryRun;

    @Override
    protected void validate(LoadedConfig loaded) {
      Durations.parse("--older-than", olderThan);
    }

    @Override
    protected Outcome execute(RunContext ctx) {
      PurgeResult result = ctx.recorder().step("purge quarantine", () -> QuarantineActions.in(ctx.session())
          .purge(Durations.parse("--older-than", olderThan), dryRun));
      HygieneReports.purge(ctx.recorder(), ctx.out(), result);
      return dryRun ? Outcome.DRY_RUN : Outcome.SUCCEEDED;
    }
  }

  @Command(name = "dropped-tables", mixinStandardHelpOptions = true,
      description = "Find warehouse prefixes no catalog table owns (storage left by dropped tables); report their size.")
  static final class DroppedTables extends RunCommand {
    @Option(names = "--quarantine", description = "Move them into quarantine (restorable) instead of only reporting.")
    boolean quarantine;

    @Option(names = "--dry-run", description = "Report only; change nothing.")
    boolean dryRun;

    @Override
    protected Outcome execute(RunContext ctx) {
      DroppedTablesResult result = ctx.recorder().step("find dropped tables",
          () -> io.historylane.compaction.hygiene.dropped.DroppedTables.in(ctx.session())
          .quarantine(quarantine).dryRun(dryRun).runId(ctx.recorder().runId()).execute());
      HygieneReports.dropped(ctx.recorder(), ctx.out(), result);
      return dryRun || !quarantine ? Outcome.DRY_RUN : Outcome.SUCCEEDED;
    }
  }
}
