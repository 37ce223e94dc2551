package io.historylane.app.cli;

import io.historylane.backfill.dims.DimensionBackfill;
import io.historylane.backfill.dims.DimensionBackfillResult;
import io.historylane.backfill.facts.FactBackfill;
import io.historylane.backfill.facts.FactBackfillResult;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.config.TableKind;
import io.historylane.core.error.BadInputException;
import io.historylane.core.report.Outcome;
import io.historylane.core.time.DateRange;
import io.historylane.core.time.Timestamps;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backfill", description = "Rebuild long-term tables in Iceberg from change history, by date range.",
    subcommands = {BackfillCommand.Facts.class, BackfillCommand.Dims.class})
public final class BackfillCommand {

  /** Options every backfill takes. */
  abstract static class BackfillOptions extends RunCommand {
    @Option(names = "--table", required = true, paramLabel = "NAME", description = "The registered table (conf: tables.NAME).")
    String table;

    @Option(names = "--as-of", paramLabel = "TIMESTAMP",
        description = "Cut-off: ignore changes committed after it (2025-01-31T23:59:59Z, '2025-01-31 23:59:59' in the"
            + " configured zone, or 2025-01-31). Default: everything in the history.")
    String asOf;

    @Option(names = "--dry-run", description = "Plan only: per day, source rows, table rows and rows to write. Commits nothing.")
    boolean dryRun;

    @Option(names = "--no-refresh", description = "Do not tell StarRocks afterwards (refresh later with `historylane refresh --report`).")
    boolean noRefresh;

    @Option(names = "--skip-bad-records",
        description = "Quarantine bad records (null key, unknown op, unreadable file) instead of failing;"
            + " more than the table's max-bad-records still fails.")
    boolean skipBadRecords;

    Instant cutOff(LoadedConfig loaded) {
      return asOf == null ? null : Timestamps.parse("--as-of", asOf, loaded.config().timezone());
    }

    void requireKind(LoadedConfig loaded, TableKind kind, String otherCommand) {
      TableKind actual = loaded.config().table(table).kind();
      if (actual != kind) {
        throw new BadInputException("--table " + table + " is a " + actual.configName() + " table: use `historylane "
            + otherCommand + "` for it");
      }
    }
  }

  @Command(name = "facts", mixinStandardHelpOptions = true, sortOptions = false,
      description = {
        "Rebuild a date range of a fact table: every row is the latest state of its source row as of the cut-off,",
        "in the day of its event time; deleted rows are absent. Only days whose content differs are rewritten,",
        "chunk by chunk (tables.NAME.chunk); a rerun skips chunks committed from the same inputs.",
        ""},
      footer = {"", "Examples:",
        "  historylane backfill facts --table sales --from 2025-01-01 --to 2025-02-01 --dry-run",
        "  historylane backfill facts --table sales --from 2025-01-01 --to 2025-02-01",
        "  historylane backfill facts --table sales --from 2025-01-05 --to 2025-01-06 --as-of 2025-01-31"})
  static final class Facts extends BackfillOptions {
    @Mixin RangeOptions range;

    @Override
    protected void validate(LoadedConfig loaded) {
      requireKind(loaded, TableKind.FACT, "backfill dims");
      range.range();
      cutOff(loaded);
    }

    @Override
    protected Outcome execute(RunContext ctx) {
      DateRange dates = range.range();
      FactBackfillResult result = ctx.recorder().step("backfill facts " + table, () -> FactBackfill.in(ctx.session())
          .table(table).range(dates).asOf(cutOff(ctx.loaded())).dryRun(dryRun).skipBadRecords(skipBadRecords)
          .runId(ctx.recorder().runId()).execute());
      BackfillReports.record(ctx.recorder(), result);
      BackfillReports.print(ctx.out(), result);
      return dryRun ? Outcome.DRY_RUN : StarRocksFollowUp.afterCommit(ctx, noRefresh);
    }
  }

  @Command(name = "dims", mixinStandardHelpOptions = true, sortOptions = false,
      description = {
        "Rebuild the history of a slowly changing dimension (type 2) for a date range, or all of it.",
        "",
        "Only keys with changes in the range are rebuilt; their new versions are stitched to the versions",
        "the table holds before and after the range. Their new versions are checked against every invariant",
        "before anything is committed; the commit adds them and deletes the ones they replace in one step.",
        ""},
      footer = {"", "Examples:",
        "  historylane backfill dims --table dim_employee --from 2025-03-01 --to 2025-04-01",
        "  historylane backfill dims --table dim_employee --full"})
  static final class Dims extends BackfillOptions {
    @Mixin RangeOptions range;

    @Option(names = "--full", description = "Rebuild every key's whole history.")
    boolean full;

    @Override
    protected void validate(LoadedConfig loaded) {
      requireKind(loaded, TableKind.SCD2, "backfill facts");
      if (full == range.given()) {
        throw new BadInputException("give either --from and --to, or --full");
      }
      if (!full) {
        range.range();
      }
      cutOff(loaded);
    }

    @Override
    protected Outcome execute(RunContext ctx) {
      DateRange dates = full ? DateRange.ALL : range.range();
      DimensionBackfillResult result = ctx.recorder().step("backfill dims " + table, () -> DimensionBackfill.in(ctx.session())
          .table(table).range(dates).asOf(cutOff(ctx.loaded())).dryRun(dryRun).skipBadRecords(skipBadRecords)
          .runId(ctx.recorder().runId()).execute());
      DimensionReports.record(ctx.recorder(), result);
      DimensionReports.print(ctx.out(), result);
      return dryRun ? Outcome.DRY_RUN : StarRocksFollowUp.afterCommit(ctx, noRefresh);
    }
  }
}
