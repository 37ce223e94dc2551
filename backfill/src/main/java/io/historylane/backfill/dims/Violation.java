package io.historylane.backfill.dims;

/**
 * One broken invariant of a dimension, for one key.
 *
 * @param key the business key, rendered as {@code col=value, ...}
 * @param rule which invariant (see {@link DimensionVerifier})
 * @param rows the offending version(s), rendered
 */
public record Violation(String key, String rule, String rows) {
  @Override
  public String toString() {
    return rule + " at " + key + ": " + rows;
  }
}
