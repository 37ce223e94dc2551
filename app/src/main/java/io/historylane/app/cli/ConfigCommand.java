package io.historylane.app.cli;

import io.historylane.core.config.ConfigPrinter;
import io.historylane.core.config.TableConfig;
import io.historylane.core.report.Outcome;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "config", description = "Show or check the resolved configuration (no Spark needed).",
    subcommands = {ConfigCommand.Show.class, ConfigCommand.Check.class})
public final class ConfigCommand {

  /** Reads the config only: no Spark session, no run report. */
  private abstract static class ConfigReader extends RunCommand {
    @Override
    protected boolean needsSpark() {
      return false;
    }

    @Override
    protected boolean writesReport() {
      return false;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {"Print the resolved config (file + overlay, ${VAR}s substituted, defaults filled in)",
          "with every secret masked."})
  static final class Show extends ConfigReader {
    @Override
    protected Outcome execute(RunContext ctx) {
      ctx.out().print(ConfigPrinter.toYaml(ctx.loaded()));
      return Outcome.SUCCEEDED;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Load and validate the config; print one line per registered table.")
  static final class Check extends ConfigReader {
    @Override
    protected Outcome execute(RunContext ctx) {
      ctx.out().println("config ok: " + ctx.loaded().files() + " (environment " + ctx.loaded().env() + ")");
      for (Map.Entry<String, TableConfig> e : ctx.config().tables().entrySet()) {
        TableConfig t = e.getValue();
        ctx.out().printf("  %-18s %-6s %-8s %s%s%n", e.getKey(), t.kind().configName(), t.isIceberg() ? "iceberg" : "paimon",
            t.identifier(), t.source() == null ? "" : "  <- " + t.source().describe());
      }
      return Outcome.SUCCEEDED;
    }
  }
}
