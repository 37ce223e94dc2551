package io.historylane.app.cli;

import io.historylane.core.report.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "compact", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Plan and compact small files in Iceberg and Paimon tables.",
      "",
      "Looks at every partition in scope (file sizes, fragments, undersized files, delete files,",
      "manifests), leaves healthy and recently written partitions alone, rewrites the rest, and",
      "verifies row count and checksum before and after. A compaction changes layout only.",
      ""},
    footer = {"", "Examples:",
      "  historylane compact --tables sales --from 2025-01-01 --to 2025-02-01 --dry-run",
      "  historylane compact --tables 'sales,cdc_*'"})
final class CompactCommand extends RunCommand {
  @Mixin TablesOption tables;
  @Mixin RangeOptions range;

  @Option(names = "--dry-run", description = "Print the plan (files and bytes before, expected after, bytes to rewrite); change nothing.")
  boolean dryRun;

  @Option(names = "--no-refresh", description = "Do not tell StarRocks afterwards.")
  boolean noRefresh;

  @Override
  protected Outcome execute(RunContext ctx) {
    throw NotBuiltYet.of("compact");
  }
}
