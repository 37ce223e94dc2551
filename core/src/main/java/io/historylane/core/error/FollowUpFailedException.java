package io.historylane.core.error;

/**
 * Data was committed, but a step that tells others about it failed (the StarRocks refresh). The
 * run report says what is still to do; `historylane refresh --report` finishes it. Exit 3.
 */
public class FollowUpFailedException extends HistorylaneException {
  public FollowUpFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ExitCode exitCode() {
    return ExitCode.FOLLOW_UP_FAILED;
  }
}
