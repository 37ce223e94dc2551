package io.historylane.app.cli;

import io.historylane.core.error.ExitCode;
import io.historylane.core.error.HistorylaneException;

/** A repair stopped at a step: the step's failure, its exit code, and how to resume. */
final class RepairStepFailed extends HistorylaneException {
  private final ExitCode exitCode;

  RepairStepFailed(String repairId, String step, String resume, HistorylaneException cause) {
    super("repair " + repairId + " stopped at step " + step + ": " + cause.getMessage()
        + " | the steps before it are done; once the cause is fixed, resume with: " + resume, cause);
    this.exitCode = cause.exitCode();
  }

  @Override
  public ExitCode exitCode() {
    return exitCode;
  }
}
