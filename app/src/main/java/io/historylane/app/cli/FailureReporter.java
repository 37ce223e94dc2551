package io.historylane.app.cli;

import io.historylane.core.error.ExitCode;
import io.historylane.core.error.HistorylaneException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The last line of defence: whatever escapes a command becomes one line on stderr and the exit
 * code its kind promises. Never swallowed: a failed run must reach the scheduler as non-zero.
 */
final class FailureReporter implements CommandLine.IExecutionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(FailureReporter.class);

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    String name = cmd.getCommandSpec().qualifiedName();
    if (ex instanceof HistorylaneException known) {
      cmd.getErr().println(name + ": " + known.getMessage());
      return known.exitCode().code();
    }
    LOG.error("{} failed", name, ex);
    cmd.getErr().println(name + ": internal error: " + ex + " (stack trace in the log above)");
    return ExitCode.FAILED.code();
  }
}
