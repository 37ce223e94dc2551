package io.historylane.core.error;

/** A step failed for a reason outside the input (a conflict, an I/O error, a failed audit). Exit 1. */
public class RunFailedException extends HistorylaneException {
  public RunFailedException(String message) {
    super(message, null);
  }

  public RunFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.FAILED;
  }
}
