package io.historylane.snapshots;

import java.util.List;

/**
 * What {@link CutSnapshots} did.
 *
 * @param durationMs the wall time of the cut's work: resolution, tags, manifest
 * @param waitedMs how long it first waited for commits stamped just before a recent instant to land
 * @param manifestChanged whether the cut manifest got a new snapshot (false on an idempotent rerun)
 */
public record CutResult(boolean dryRun, List<CutOutcome> cuts, long durationMs, long waitedMs, boolean manifestChanged) {
  public CutResult {
    cuts = List.copyOf(cuts);
  }

  public long count(TagOutcome.Action action) {
    return cuts.stream().mapToLong(c -> c.count(action)).sum();
  }

  /** Whether the run created, moved or removed any tag. */
  public boolean changedTags() {
    return cuts.stream().flatMap(c -> c.tags().stream()).anyMatch(TagOutcome::changes);
  }
}
