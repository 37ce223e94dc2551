package io.historylane.app.cli;

import io.historylane.app.Main;
import io.historylane.core.config.ConfigLoader;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.error.ExitCode;
import io.historylane.core.error.HistorylaneException;
import io.historylane.core.report.Outcome;
import io.historylane.core.report.RunRecorder;
import io.historylane.core.report.RunReport;
import io.historylane.core.session.LakehouseSession;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The shared life of every command (in the spirit of OpenHouse's app base, minus swallowing
 * failures): load and validate the config and arguments without Spark, then open the session,
 * execute, write the run report whatever happens, and exit with the code the outcome promises.
 */
public abstract class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @CommandLine.Spec protected CommandLine.Model.CommandSpec spec;

  /** Whether the command needs a SparkSession (false: config, refresh, views). */
  protected boolean needsSpark() {
    return true;
  }

  /** Whether a run report is written (false for commands that only print, such as config show). */
  protected boolean writesReport() {
    return true;
  }

  /** Checks the arguments against the config; runs before Spark starts, so it must not need it. */
  protected void validate(LoadedConfig loaded) {}

  /** Does the work, recording into {@code ctx.recorder()}; returns how it ended. */
  protected abstract Outcome execute(RunContext ctx);

  @Override
  public final Integer call() {
    HistorylaneCommand root = (HistorylaneCommand) spec.root().userObject();
    CliContext cli = root.context();
    String name = commandName();
    LoadedConfig loaded = null;
    try {
      loaded = new ConfigLoader(cli.env()).load(root.conf == null ? ConfigLoader.DEFAULT_FILE : Path.of(root.conf), root.env);
      validate(loaded);
    } catch (HistorylaneException e) {
      cli.err().println(name + ": " + redact(loaded, e.getMessage()));
      return e.exitCode().code();
    }
    if (needsSpark() && cli.preflight()) {
      return Main.HANDOVER;
    }
    RunRecorder recorder = new RunRecorder(RunRecorder.newRunId(name), name, arguments(), loaded.env(),
        HistorylaneCommand.version(), loaded.redactor());
    LakehouseSession session = null;
    Outcome outcome = Outcome.FAILED;
    ExitCode exit = ExitCode.FAILED;
    Throwable failure = null;
    try {
      if (needsSpark()) {
        session = LakehouseSession.open(loaded, "historylane " + name);
      }
      outcome = execute(new RunContext(loaded, session, recorder, cli));
      exit = outcome == Outcome.FOLLOW_UP_FAILED ? ExitCode.FOLLOW_UP_FAILED : ExitCode.OK;
    } catch (HistorylaneException e) {
      failure = e;
      exit = e.exitCode();
      cli.err().println(name + ": " + redact(loaded, e.getMessage()));
    } catch (Exception | Error e) {
      failure = e;
      LOG.error("{} failed", name, e);
      cli.err().println(name + ": internal error: " + redact(loaded, String.valueOf(e)) + " (stack trace in the log above)");
    } finally {
      if (writesReport()) {
        RunReport report = recorder.finish(outcome, exit, failure);
        Path file = RunContext.reportFile(loaded, report.runId());
        report.write(file);
        cli.err().println(name + ": " + outcome.name().toLowerCase().replace('_', ' ') + " (exit " + exit.code()
            + "); report: " + file);
      }
      if (session != null) {
        session.close();
      }
    }
    return exit.code();
  }

  /** {@code backfill facts}, {@code snapshot cut}: the command path without the program name. */
  protected String commandName() {
    String qualified = spec.qualifiedName(" ");
    return qualified.startsWith("historylane ") ? qualified.substring("historylane ".length()) : qualified;
  }

  private List<String> arguments() {
    return Arrays.asList(spec.commandLine().getParseResult().originalArgs().toArray(new String[0]));
  }

  private static String redact(LoadedConfig loaded, String text) {
    return loaded == null ? text : loaded.redactor().redact(text);
  }
}
