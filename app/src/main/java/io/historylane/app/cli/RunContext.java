package io.historylane.app.cli;

import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.report.RunRecorder;
import io.historylane.core.session.LakehouseSession;
import java.io.PrintStream;

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
}
