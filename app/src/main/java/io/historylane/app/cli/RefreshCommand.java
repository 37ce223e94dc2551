package io.historylane.app.cli;

import io.historylane.core.report.Outcome;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "refresh", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Tell StarRocks what an earlier run changed (or finish a refresh that failed).",
      "",
      "Reads the run's change set: one REFRESH EXTERNAL TABLE per table whose data or layout changed,",
      "then REFRESH MATERIALIZED VIEW for each dependent MV over exactly the changed partitions.",
      "Layout-only changes refresh no MV. Nothing changed: nothing is sent.",
      ""},
    footer = {"", "Example:", "  historylane refresh --report reports/20250101T020000Z-backfill-facts-1a2b3c.json"})
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
  protected Outcome execute(RunContext ctx) {
    throw NotBuiltYet.of("refresh");
  }
}
