package io.historylane.app.cli;

import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.config.StarRocksTableConfig;
import io.historylane.core.config.TableConfig;
import io.historylane.core.config.VersionedViewConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.report.Outcome;
import io.historylane.starrocks.SqlName;
import io.historylane.starrocks.ViewFlip;
import io.historylane.starrocks.ViewFlipResult;
import java.util.ArrayList;
import java.util.List;
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
    protected void validate(LoadedConfig loaded) {
      HistorylaneConfig config = loaded.config();
      if (config.starrocks() == null) {
        throw new BadInputException("starrocks is not configured: add a starrocks: section (url, user, password-env)");
      }
      SqlName.parse("VIEW", view, 2, 2);
      SqlName.parse("--to", target, 2, 3);
      List<String> registered = new ArrayList<>();
      for (TableConfig table : config.tables().values()) {
        StarRocksTableConfig sr = table.starrocks();
        if (sr != null) {
          sr.views().stream().map(VersionedViewConfig::name).forEach(registered::add);
        }
      }
      if (!registered.contains(view)) {
        throw new BadInputException("view " + view + " is not registered: registered views are " + registered
            + " (add it under tables.<name>.starrocks.views)");
      }
    }

    @Override
    protected Outcome execute(RunContext ctx) {
      ViewFlipResult result = ctx.recorder().step("views flip " + view, () -> ViewFlip.on(ctx.config().starrocks())
          .view(SqlName.parse("VIEW", view, 2, 2)).to(SqlName.parse("--to", target, 2, 3)).dryRun(dryRun).execute());
      ctx.recorder().detail("view_flip", result);
      if (dryRun) {
        ctx.out().println("dry run: would send to StarRocks:");
        result.statements().forEach(s -> ctx.out().println("  " + s));
        return Outcome.DRY_RUN;
      }
      ctx.out().println("flipped " + result.view() + " -> " + result.target());
      ctx.out().println("previous definition (kept in the report, to undo): " + result.previousDefinition());
      return Outcome.SUCCEEDED;
    }
  }
}
