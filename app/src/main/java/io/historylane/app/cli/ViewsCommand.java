package io.historylane.app.cli;

import io.historylane.core.report.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "views", description = "Versioned StarRocks views.", subcommands = {ViewsCommand.Flip.class})
public final class ViewsCommand {

  @Command(name = "flip", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Point a versioned StarRocks view at another table version (ALTER VIEW).",
        "Checks that the target exists and returns rows; the report keeps the previous definition to undo the flip."},
      footer = {"", "Example:", "  historylane views flip analytics.vw_sales --to iceberg_lake.history.sales_v2"})
  static final class Flip extends RunCommand {
    @Parameters(paramLabel = "VIEW", description = "The view, database.view (registered under a table's starrocks.views).")
    String view;

    @Option(names = "--to", required = true, paramLabel = "TARGET", description = "The table the view should read: [catalog.]database.table.")
    String target;

    @Option(names = "--dry-run", description = "Print the statement; send nothing.")
    boolean dryRun;

    @Override
    protected boolean needsSpark() {
      return false;
    }

    @Override
    protected Outcome execute(RunContext ctx) {
      throw NotBuiltYet.of("views flip");
    }
  }
}
