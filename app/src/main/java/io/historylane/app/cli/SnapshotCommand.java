package io.historylane.app.cli;

import io.historylane.core.report.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "snapshot", description = "Consistent named snapshot cuts (tags) across tables, and WAP publishing.",
    subcommands = {SnapshotCommand.Cut.class, SnapshotCommand.ListCuts.class, SnapshotCommand.Show.class,
        SnapshotCommand.Verify.class, SnapshotCommand.Drop.class, SnapshotCommand.Publish.class})
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
    protected Outcome execute(RunContext ctx) {
      throw NotBuiltYet.of("snapshot cut");
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the cuts in the manifest.")
  static final class ListCuts extends RunCommand {
    @Override
    protected Outcome execute(RunContext ctx) {
      throw NotBuiltYet.of("snapshot list");
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show a cut and how to read it: Spark SQL (VERSION AS OF) and StarRocks, per table.")
  static final class Show extends RunCommand {
    @Parameters(paramLabel = "NAME", description = "The cut's name.")
    String name;

    @Override
    protected Outcome execute(RunContext ctx) {
      throw NotBuiltYet.of("snapshot show");
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check that every tag of a cut (or of all cuts) still points where the manifest says, and its files exist.")
  static final class Verify extends RunCommand {
    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The cut's name; all cuts when omitted.")
    String name;

    @Override
    protected Outcome execute(RunContext ctx) {
      throw NotBuiltYet.of("snapshot verify");
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
      throw NotBuiltYet.of("snapshot drop");
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
    protected Outcome execute(RunContext ctx) {
      throw NotBuiltYet.of("snapshot publish");
    }
  }
}
