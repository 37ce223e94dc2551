package io.historylane.compaction;

import io.historylane.compaction.plan.FileLayout;
import io.historylane.compaction.plan.PartitionPlan;

/**
 * What became of one planned partition.
 *
 * @param after the partition's files at the end (the plan's layout in a dry run)
 * @param healthBefore the health score when planned (0-100, README "Compaction")
 * @param healthAfter the health score at the end
 * @param conflicts passes in which a rewrite of the partition conflicted with a concurrent commit
 */
public record PartitionOutcome(
    PartitionPlan plan, Status status, FileLayout after, int healthBefore, int healthAfter, int conflicts) {

  /** How the partition ended. */
  public enum Status {
    /** Dry run: would be compacted. */
    PLANNED,
    /** Compacted and verified. */
    COMPACTED,
    /** Every pass conflicted with a concurrent writer: left as it was, for a later run. */
    DEFERRED,
    /** Left alone: it meets the policy. */
    HEALTHY,
    /** Left alone: written to within the quiet period. */
    QUIET
  }
}
