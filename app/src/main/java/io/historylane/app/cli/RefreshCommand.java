package io.historylane.app.cli;

import io.historylane.core.config.LoadedConfig;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.report.Outcome;
import io.historylane.core.report.RunReport;
import io.historylane.starrocks.RefreshPlan;
import io.historylane.starrocks.RefreshPlanner;
import io.historylane.starrocks.RefreshResult;
import io.historylane.starrocks.StarRocksRefresh;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "refresh", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Tell StarRocks what an earlier run changed (or finish a refresh that failed).",
      "",
      "Reads the run's change set: one REFRESH EXTERNAL TABLE per table whose data or layout changed,",
      "then REFRESH MATERIALIZED VIEW for each dependent MV over exactly the changed partitions.",
      "Layout-only changes refresh no MV. Nothing changed: nothing is sent. The statements are safe to",
      "send again, so the whole plan is sent each time.",
      ""},
    footer = {"", "Examples:", "  historylane refresh --report reports/20250101T020000Z-backfill-facts-1a2b3c.json --dry-run",
      "  historylane refresh --report reports/20250101T020000Z-backfill-facts-1a2b3c.json --activate"})
final class RefreshCommand extends RunCommand {
  @Option(names = "--report", required = true, paramLabel = "FILE", description = "The run report whose change set to refresh.")
  Path report;

  @Option(names = "--dry-run", description = "Print the statements; send nothing.")
  boolean dryRun;

  @Option(names = "--activate", description = "Re-activate an inactive materialized view (ALTER MATERIALIZED VIEW ... ACTIVE) before refreshing it.")
  boolean activate;

  @Override
  protected boolean needsSpark() {
    return false;
  }

  @Override
  protected void validate(LoadedConfig loaded) {
    RefreshPlanner.of(loaded.config()).plan(RunReport.read(report).changeSet());
  }

  @Override
  protected Outcome execute(RunContext ctx) {
    RefreshPlan plan = RefreshPlanner.of(ctx.config()).plan(RunReport.read(report).changeSet());
    ctx.recorder().detail("source_report", report.toString());
    if (plan.isEmpty()) {
      ctx.out().println("nothing changed in " + report + ": nothing to tell StarRocks");
      return dryRun ? Outcome.DRY_RUN : Outcome.SUCCEEDED;
    }
    RefreshResult result = ctx.recorder().step("starrocks refresh", () -> StarRocksRefresh.to(ctx.config().starrocks())
        .plan(plan).activate(activate).dryRun(dryRun).execute());
    ctx.recorder().detail("starrocks_refresh", result);
    RefreshPrinter.print(ctx.out(), result);
    if (!result.allSucceeded()) {
      throw new RunFailedException(RefreshPrinter.unfinished(result) + System.lineSeparator()
          + "  fix it, then run again: historylane refresh --report " + report);
    }
    return dryRun ? Outcome.DRY_RUN : Outcome.SUCCEEDED;
  }
}
