package io.historylane.core.error;

/**
 * Base of every failure historylane reports to a user. Its message is the one line a user sees,
 * so it names the thing that is wrong and what to do about it.
 */
public abstract class HistorylaneException extends RuntimeException {
  protected HistorylaneException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The exit code the CLI ends with when this escapes a command. */
  public abstract ExitCode exitCode();
}
