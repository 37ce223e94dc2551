package io.historylane.app.cli;

import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.report.RunRecorder;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.session.Locations;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a running command works with: the config, the Spark session (null for commands that need
 * none), the report being recorded, and where to print for the person at the terminal.
 */
public record RunContext(
    LoadedConfig loaded, LakehouseSession session, RunRecorder recorder, CliContext cli) {

  public HistorylaneConfig config() {
    return loaded.config();
  }

  public PrintStream out() {
    return cli.out();
  }

  public PrintStream err() {
    return cli.err();
  }

  /** Where this run's report is written; known from the start, so advice can name it before the run ends. */
  public Path reportFile() {
    return reportFile(loaded, recorder.runId());
  }

  static Path reportFile(LoadedConfig loaded, String runId) {
    return Locations.localPath(loaded.config().reports().dir()).resolve(runId + ".json");
  }
}
