package io.historylane.compaction.plan;

import java.util.Set;

/**
 * What the planner decided for one partition and why.
 *
 * @param before the partition's files when planned
 * @param actions what to do; empty when the partition is left alone
 * @param skipped why nothing is done (healthy, written to within the quiet period); null when
 *     there is something to do
 * @param filesToRewrite data files the rewrite reads
 * @param bytesToRewrite their size
 * @param expectedFiles data files the partition is expected to have afterwards
 */
public record PartitionPlan(
    PartitionRef partition,
    FileLayout before,
    Set<PlanAction> actions,
    Skip skipped,
    int filesToRewrite,
    long bytesToRewrite,
    int expectedFiles) {

  /** Why a partition is left alone. */
  public enum Skip {
    /** Meets the policy: too few small files, few deletes, few manifests. */
    HEALTHY,
    /** Written to within the policy's quiet period: a streaming writer may still be at it. */
    QUIET
  }

  public PartitionPlan {
    actions = Set.copyOf(actions);
    if (actions.isEmpty() == (skipped == null)) {
      throw new IllegalArgumentException("a partition plan either has actions or a reason to skip: " + partition);
    }
  }

  public static PartitionPlan skip(PartitionRef partition, FileLayout before, Skip why) {
    return new PartitionPlan(partition, before, Set.of(), why, 0, 0, before.dataFiles());
  }

  public boolean hasWork() {
    return !actions.isEmpty();
  }

  public boolean rewritesData() {
    return actions.stream().anyMatch(PlanAction::rewritesData);
  }
}
