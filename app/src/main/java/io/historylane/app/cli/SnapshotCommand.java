package io.historylane.app.cli;

import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.report.Outcome;
import io.historylane.core.time.Durations;
import io.historylane.core.time.Timestamps;
import io.historylane.snapshots.Creator;
import io.historylane.snapshots.CutPoint;
import io.historylane.snapshots.CutRemovalResult;
import io.historylane.snapshots.CutResult;
import io.historylane.snapshots.CutSchedule;
import io.historylane.snapshots.PublishBranch;
import io.historylane.snapshots.PublishResult;
import io.historylane.snapshots.RollbackResult;
import io.historylane.snapshots.RollbackTable;
import io.historylane.snapshots.SnapshotActions;
import io.historylane.snapshots.VerifyResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "snapshot", description = "Consistent named snapshot cuts (tags) across tables, and WAP publishing.",
    subcommands = {SnapshotCommand.Cut.class, SnapshotCommand.ListCuts.class, SnapshotCommand.Show.class,
        SnapshotCommand.Verify.class, SnapshotCommand.Drop.class, SnapshotCommand.Publish.class,
        SnapshotCommand.Rollback.class})
public final class SnapshotCommand {

  @Command(name = "cut", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Tag every table as it was at a point in time (the last snapshot at or before it), with one name.",
        "With --range and --every, a series of cuts (e.g. every month-end), named from a pattern."},
      footer = {"", "Examples:",
        "  historylane snapshot cut --tables 'sales,dim_*' --as-of 2025-02-01T00:00:00Z --name eom-2025-01",
        "  historylane snapshot cut --tables 'sales,dim_*' --range 2025-01-01..2026-01-01 --every month --name 'eom-{yyyy}-{MM}'"})
  static final class Cut extends RunCommand {
    @Mixin TablesOption tables;

    @Option(names = "--name", required = true, paramLabel = "NAME",
        description = "The tag name; with --range a pattern using {date}, {yyyy}, {MM}, {dd} of each period's start.")
    String name;

    @Option(names = "--as-of", paramLabel = "TIMESTAMP", description = "The point in time of a single cut.")
    String asOf;

    @Option(names = "--range", paramLabel = "FROM..TO", description = "A series: one cut at the end of each period in [FROM, TO).")
    String range;

    @Option(names = "--every", paramLabel = "day|week|month", description = "The period of a series.")
    String every;

    @Option(names = "--retain", paramLabel = "DURATION", description = "How long the tags are kept (default: the policy's tag-max-age).")
    String retain;

    @Option(names = "--replace", description = "Move an existing tag of the same name to the new snapshot.")
    boolean replace;

    @Option(names = "--allow-missing", description = "Skip tables with no snapshot at or before the cut instead of failing.")
    boolean allowMissing;

    @Option(names = "--dry-run", description = "Resolve and print the cut; create nothing.")
    boolean dryRun;

    @Override
    protected void validate(LoadedConfig loaded) {
      tables.select(loaded.config());
      points(loaded.config());
      retention();
    }

    private List<CutPoint> points(HistorylaneConfig config) {
      boolean series = range != null || every != null;
      if (series == (asOf != null)) {
        throw new BadInputException("give either --as-of TIMESTAMP, or --range FROM..TO with --every day|week|month");
      }
      if (series && (range == null || every == null)) {
        throw new BadInputException("a series needs both --range FROM..TO and --every day|week|month");
      }
      return series ? CutSchedule.series(range, every, name, config.timezone(), Instant.now())
          : CutSchedule.single(name, Timestamps.parse("--as-of", asOf, config.timezone()), Instant.now());
    }

    private Duration retention() {
      return retain == null ? null : Durations.parse("--retain", retain);
    }

    @Override
    protected Outcome execute(RunContext ctx) {
      CutResult result = ctx.recorder().step("snapshot cut", () -> SnapshotActions.in(ctx.session()).cut()
          .tables(tables.select(ctx.config())).points(points(ctx.config())).retain(retention()).replace(replace)
          .allowMissing(allowMissing).dryRun(dryRun).runId(ctx.recorder().runId()).creator(Creator.of(ctx.cli().env()))
          .execute());
      SnapshotReports.recordCut(ctx.recorder(), result);
      SnapshotReports.printCut(ctx.out(), result);
      return dryRun ? Outcome.DRY_RUN : Outcome.SUCCEEDED;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the cuts in the manifest.")
  static final class ListCuts extends RunCommand {
    @Override
    protected Outcome execute(RunContext ctx) {
      var cuts = SnapshotActions.in(ctx.session()).list();
      SnapshotReports.recordCuts(ctx.recorder(), cuts);
      SnapshotReports.printList(ctx.out(), cuts);
      return Outcome.SUCCEEDED;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show a cut and how to read it: Spark SQL (VERSION AS OF) and StarRocks, per table.")
  static final class Show extends RunCommand {
    @Parameters(paramLabel = "NAME", description = "The cut's name.")
    String name;

    @Override
    protected Outcome execute(RunContext ctx) {
      var reading = SnapshotActions.in(ctx.session()).show(name);
      SnapshotReports.recordCuts(ctx.recorder(), List.of(reading.cut()));
      SnapshotReports.printShow(ctx.out(), reading);
      return Outcome.SUCCEEDED;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check that every tag of a cut (or of all cuts) still points where the manifest says, and its files exist.")
  static final class Verify extends RunCommand {
    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The cut's name; all cuts when omitted.")
    String name;

    @Override
    protected Outcome execute(RunContext ctx) {
      VerifyResult result = ctx.recorder().step("snapshot verify",
          () -> SnapshotActions.in(ctx.session()).verify().cut(name).execute());
      SnapshotReports.recordVerify(ctx.recorder(), result);
      SnapshotReports.printVerify(ctx.out(), result);
      if (!result.ok()) {
        List<String> problems = result.problems();
        throw new RunFailedException(problems.size() + " problem(s): " + problems.get(0)
            + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more above)" : "")
            + ". Re-point a moved tag with `snapshot cut --replace`, or drop the cut");
      }
      return Outcome.SUCCEEDED;
    }
  }

  @Command(name = "drop", mixinStandardHelpOptions = true, description = "Remove a cut: its tags in every table and its manifest entry.")
  static final class Drop extends RunCommand {
    @Parameters(paramLabel = "NAME", description = "The cut's name.")
    String name;

    @Option(names = "--dry-run", description = "Print what would be removed; change nothing.")
    boolean dryRun;

    @Override
    protected Outcome execute(RunContext ctx) {
      CutRemovalResult result = ctx.recorder().step("snapshot drop " + name,
          () -> SnapshotActions.in(ctx.session()).drop(name).dryRun(dryRun).execute());
      SnapshotReports.recordRemoval(ctx.recorder(), result);
      SnapshotReports.printRemoval(ctx.out(), result);
      return dryRun ? Outcome.DRY_RUN : Outcome.SUCCEEDED;
    }
  }

  @Command(name = "publish", mixinStandardHelpOptions = true,
      description = "Publish a write-audit-publish branch: fast-forward main to it (for on-call use after an audit).")
  static final class Publish extends RunCommand {
    @Option(names = "--table", required = true, paramLabel = "NAME", description = "A registered Iceberg table.")
    String table;

    @Option(names = "--branch", required = true, paramLabel = "BRANCH", description = "The branch to publish.")
    String branch;

    @Option(names = "--dry-run", description = "Check that the branch can be published; change nothing.")
    boolean dryRun;

    @Option(names = "--no-refresh", description = "Do not tell StarRocks afterwards.")
    boolean noRefresh;

    @Override
    protected void validate(LoadedConfig loaded) {
      PublishBranch.icebergTable(loaded.config(), table);
    }

    @Override
    protected Outcome execute(RunContext ctx) {
      PublishResult result = ctx.recorder().step("snapshot publish " + table + " " + branch,
          () -> SnapshotActions.in(ctx.session()).publish().table(table).branch(branch).dryRun(dryRun).execute());
      SnapshotReports.recordPublish(ctx.recorder(), result);
      SnapshotReports.printPublish(ctx.out(), result);
      return dryRun ? Outcome.DRY_RUN : StarRocksFollowUp.afterCommit(ctx, noRefresh);
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Put an Iceberg table's main back to an earlier snapshot of its history, or to a tag (a cut).",
        "Undoes a bad backfill; nothing is deleted, so rolling forward again (--to the old snapshot) undoes it.",
        "Commits not made by historylane are only undone with --force; Paimon tables are refused."},
      footer = {"", "Examples:",
        "  historylane snapshot rollback --table sales --to 8123456789012345678 --dry-run",
        "  historylane snapshot rollback --table sales --to eom-2024-12"})
  static final class Rollback extends RunCommand {
    @Option(names = "--table", required = true, paramLabel = "NAME", description = "A registered Iceberg table.")
    String table;

    @Option(names = "--to", required = true, paramLabel = "SNAPSHOT|TAG",
        description = "A snapshot id from main's history (a report's snapshot_before) or a tag's name.")
    String target;

    @Option(names = "--force", description = "Also undo commits other writers made.")
    boolean force;

    @Option(names = "--dry-run", description = "Say what would be undone; change nothing.")
    boolean dryRun;

    @Option(names = "--no-refresh", description = "Do not tell StarRocks afterwards.")
    boolean noRefresh;

    @Override
    protected void validate(LoadedConfig loaded) {
      RollbackTable.icebergTable(loaded.config(), table);
    }

    @Override
    protected Outcome execute(RunContext ctx) {
      RollbackResult result = ctx.recorder().step("snapshot rollback " + table + " " + target,
          () -> SnapshotActions.in(ctx.session()).rollback().table(table).to(target).force(force).dryRun(dryRun).execute());
      SnapshotReports.recordRollback(ctx.recorder(), result);
      SnapshotReports.printRollback(ctx.out(), result);
      return dryRun ? Outcome.DRY_RUN : StarRocksFollowUp.afterCommit(ctx, noRefresh);
    }
  }
}
