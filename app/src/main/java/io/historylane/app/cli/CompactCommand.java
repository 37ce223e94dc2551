package io.historylane.app.cli;

import io.historylane.compaction.CompactTable;
import io.historylane.compaction.TableCompaction;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.report.Outcome;
import io.historylane.core.time.DateRange;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "compact", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Plan and compact small files in Iceberg and Paimon tables.",
      "",
      "Looks at every partition in scope (file sizes, fragments, undersized files, delete files,",
      "manifests), leaves healthy and recently written partitions alone, rewrites the rest, and",
      "verifies row count and checksum before and after. A compaction changes layout only:",
      "its change set refreshes StarRocks table metadata, never a materialized view.",
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
  protected void validate(LoadedConfig loaded) {
    tables.select(loaded.config());
    if (range.given()) {
      range.range();
    }
  }

  /**
   * Compacts table after table. A table that fails (a verification mismatch, every group
   * conflicting) does not stop the others; the run fails at the end naming it. Bad input stops
   * at once.
   */
  @Override
  protected Outcome execute(RunContext ctx) {
    DateRange dates = range.given() ? range.range() : null;
    List<String> failed = new ArrayList<>();
    RunFailedException first = null;
    for (String table : tables.select(ctx.config())) {
      try {
        TableCompaction result = ctx.recorder().step("compact " + table, () -> CompactTable.of(ctx.session(), table)
            .range(dates).dryRun(dryRun).runId(ctx.recorder().runId()).execute());
        CompactionReports.record(ctx.recorder(), result);
        CompactionReports.print(ctx.out(), result);
      } catch (RunFailedException e) {
        failed.add(table);
        first = first == null ? e : first;
        ctx.out().printf("compact %s failed: %s%n", table, e.getMessage());
      }
    }
    if (first != null) {
      throw failed.size() == 1 ? first : new RunFailedException("compaction failed for " + failed + "; the first: "
          + first.getMessage(), first);
    }
    return dryRun ? Outcome.DRY_RUN : StarRocksFollowUp.afterCommit(ctx, noRefresh);
  }
}
