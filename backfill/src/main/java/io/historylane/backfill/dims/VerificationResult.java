package io.historylane.backfill.dims;

import java.util.List;

/**
 * The outcome of checking a dimension's invariants.
 *
 * @param keysChecked keys whose versions were checked
 * @param violationCount every violation found
 * @param violations the first ones, for printing (at most {@link DimensionVerifier#SHOWN})
 */
public record VerificationResult(long keysChecked, long violationCount, List<Violation> violations) {
  public VerificationResult {
    violations = List.copyOf(violations);
  }

  public boolean passed() {
    return violationCount == 0;
  }
}
