package io.historylane.snapshots;

import java.time.Instant;
import java.util.List;

/**
 * How one cut fared in {@link VerifyCuts}.
 *
 * @param expired its retention has ended: its tags may be gone by design, so it is not checked
 * @param problems every tag that is missing, moved, or lost its snapshot or files
 */
public record CutCheck(String name, Instant asOf, boolean expired, int tags, List<String> problems) {
  public CutCheck {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return expired || problems.isEmpty();
  }
}
