package io.historylane.app.cli;

import io.historylane.core.report.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "hygiene", description = "Expire snapshots, sweep orphan files into quarantine, restore or purge them.",
    subcommands = {HygieneCommand.Expire.class, HygieneCommand.Orphans.class, HygieneCommand.Restore.class,
        HygieneCommand.Purge.class, HygieneCommand.DroppedTables.class})
public final class HygieneCommand {

  @Command(name = "expire", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Expire old snapshots with the retention of each table's compaction policy.",
        "Snapshots held by a tag or branch are never expired; tags older than tag-max-age are reported."})
  static final class Expire extends RunCommand {
    @Mixin TablesOption tables;

    @Option(names = "--dry-run", description = "List what would expire; change nothing.")
    boolean dryRun;

    @Override
    protected Outcome execute(RunContext ctx) {
      throw NotBuiltYet.of("hygiene expire");
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

    @Override
    protected Outcome execute(RunContext ctx) {
      throw NotBuiltYet.of("hygiene orphans");
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
      throw NotBuiltYet.of("hygiene restore");
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
    protected Outcome execute(RunContext ctx) {
      throw NotBuiltYet.of("hygiene purge");
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
      throw NotBuiltYet.of("hygiene dropped-tables");
    }
  }
}
