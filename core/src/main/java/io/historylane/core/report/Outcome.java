package io.historylane.core.report;

/** How a run ended, as written in its report. */
public enum Outcome {
  SUCCEEDED,
  /** Planned only; nothing was committed. */
  DRY_RUN,
  /** Data committed, a follow-up step (StarRocks refresh) failed: exit code 3. */
  FOLLOW_UP_FAILED,
  FAILED
}
