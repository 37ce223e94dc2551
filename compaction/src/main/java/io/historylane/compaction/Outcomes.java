package io.historylane.compaction;

import io.historylane.compaction.PartitionOutcome.Status;
import io.historylane.compaction.plan.FileLayout;
import io.historylane.compaction.plan.PartitionPlan;
import io.historylane.compaction.plan.PartitionRef;
import io.historylane.compaction.plan.TablePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a plan and what a run measured afterwards into per-partition outcomes, for both formats. */
public final class Outcomes {
  private Outcomes() {}

  /** The outcome of a dry run (work is PLANNED), or of a run that found nothing to do. */
  public static TableCompaction unchanged(TablePlan plan, int maxManifests, boolean dryRun) {
    List<PartitionOutcome> out = new ArrayList<>();
    for (PartitionPlan p : plan.partitions()) {
      int health = p.before().health(maxManifests);
      out.add(new PartitionOutcome(p, p.hasWork() ? Status.PLANNED : skipped(p), p.before(), health, health, 0));
    }
    return new TableCompaction(plan, dryRun, plan.snapshotId(), out, List.of(), 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * @param after each planned partition's layout at the end (absent: no live files left)
   * @param deferred partitions whose rewrite conflicted in every pass
   * @param conflicts per partition, the passes in which its rewrite conflicted
   */
  public static List<PartitionOutcome> of(TablePlan plan, Map<PartitionRef, FileLayout> after, Set<PartitionRef> deferred,
      Map<PartitionRef, Integer> conflicts, int maxManifests) {
    List<PartitionOutcome> out = new ArrayList<>();
    for (PartitionPlan p : plan.partitions()) {
      PartitionRef ref = p.partition();
      Status status = !p.hasWork() ? skipped(p) : deferred.contains(ref) ? Status.DEFERRED : Status.COMPACTED;
      FileLayout now = after.getOrDefault(ref, FileLayout.EMPTY);
      out.add(new PartitionOutcome(p, status, now, p.before().health(maxManifests), now.health(maxManifests),
          conflicts.getOrDefault(ref, 0)));
    }
    return out;
  }

  private static Status skipped(PartitionPlan p) {
    return p.skipped() == PartitionPlan.Skip.QUIET ? Status.QUIET : Status.HEALTHY;
  }
}
