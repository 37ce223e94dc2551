package io.historylane.snapshots;

import java.util.List;

/**
 * What {@link CutSnapshots} did.
 *
 * @param durationMs the wall time of the whole cut (resolution, tags, manifest)
 * @param manifestChanged whether the cut manifest got a new snapshot (false on an idempotent rerun)
 */
public record CutResult(boolean dryRun, List<CutOutcome> cuts, long durationMs, boolean manifestChanged) {
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
