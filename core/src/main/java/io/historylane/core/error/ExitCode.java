package io.historylane.core.error;

/**
 * The process exit codes every historylane command uses; schedulers branch on them, so they are
 * part of the public contract (README "Exit codes").
 */
public enum ExitCode {
  /** Everything asked for was done (or planned, in a dry run). */
  OK(0),
  /** The run failed; nothing was committed by the failing step. Safe to retry. */
  FAILED(1),
  /** Usage error or bad input (arguments, config, source data): fix the input, do not retry. */
  BAD_INPUT(2),
  /** Data was committed but a follow-up step (such as the StarRocks refresh) failed. */
  FOLLOW_UP_FAILED(3);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
