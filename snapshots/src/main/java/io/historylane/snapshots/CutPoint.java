package io.historylane.snapshots;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One cut to make: its name and the instant whose state it holds, to the millisecond (the
 * precision of snapshot commit times in both formats).
 */
public record CutPoint(String name, Instant asOf) {
  public CutPoint {
    asOf = asOf.truncatedTo(ChronoUnit.MILLIS);
  }
}
