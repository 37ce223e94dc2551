package io.historylane.app.cli;

import io.historylane.core.config.LoadedConfig;
import io.historylane.core.report.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "repair", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Repair tables for a date range: backfill -> compact the touched partitions -> refresh StarRocks.",
      "",
      "Prints the plan of every step first (rows per day in source and table, files to compact, statements",
      "to send), then applies it. Stops at the first failed step saying which and how to resume; a rerun with",
      "the same --repair-id skips finished steps.",
      ""},
    footer = {"", "Examples:",
      "  historylane repair --tables sales --from 2025-01-05 --to 2025-01-06 --dry-run",
      "  historylane repair --tables sales,dim_employee --from 2025-01-01 --to 2025-02-01 --repair-id inc-4711"})
final class RepairCommand extends RunCommand {
  @Mixin TablesOption tables;
  @Mixin RangeOptions range;

  @Option(names = "--repair-id", paramLabel = "ID", description = "Names the repair; a rerun with the same id resumes it.")
  String repairId;

  @Option(names = "--dry-run", description = "Print every step's plan; change nothing.")
  boolean dryRun;

  @Option(names = "--skip-bad-records", description = "Quarantine bad source records instead of failing (see backfill).")
  boolean skipBadRecords;

  /** A repair is triggered by hand (Airflow's historylane_repair): a bad range or table fails before Spark starts. */
  @Override
  protected void validate(LoadedConfig loaded) {
    tables.select(loaded.config());
    range.range();
  }

  @Override
  protected Outcome execute(RunContext ctx) {
    String id = repairId != null ? repairId : ctx.recorder().runId();
    ctx.recorder().detail("repair_id", id);
    Repair repair = new Repair(ctx, tables.select(ctx.config()), range.range(), id, skipBadRecords);
    ctx.recorder().step("repair plan", () -> {
      repair.plan(ctx.out());
      return null;
    });
    if (dryRun) {
      ctx.out().println("dry run: nothing changed. Apply it with: " + repair.resumeCommand());
      return Outcome.DRY_RUN;
    }
    ctx.out().println("applying repair " + id + " (if it stops, resume with: " + repair.resumeCommand() + ")");
    return repair.apply(ctx.out());
  }
}
