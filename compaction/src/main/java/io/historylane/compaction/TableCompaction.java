package io.historylane.compaction;

import io.historylane.compaction.plan.TablePlan;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The immutable result of compacting one table (or, in a dry run, of planning it).
 *
 * @param snapshotAfter the table's snapshot at the end (the plan's in a dry run)
 * @param passes rewrite passes run: the first, plus one per retry of conflicting partitions
 * @param commits rewrite groups committed
 * @param conflicts rewrite groups that did not commit because a concurrent commit conflicted
 *     (each was retried in a later pass)
 * @param filesRewritten data files replaced
 * @param filesAdded data files written in their place
 * @param bytesRewritten bytes of the replaced data files
 * @param deleteFilesRemoved delete files dropped (applied by a rewrite, or dangling)
 * @param verifyMs time spent reading the rewritten partitions before and after to verify them
 */
public record TableCompaction(
    TablePlan plan,
    boolean dryRun,
    Long snapshotAfter,
    List<PartitionOutcome> partitions,
    List<Verification> verifications,
    int passes,
    int commits,
    int conflicts,
    int filesRewritten,
    int filesAdded,
    long bytesRewritten,
    int deleteFilesRemoved,
    long verifyMs) {

  public TableCompaction {
    partitions = List.copyOf(partitions);
    verifications = List.copyOf(verifications);
  }

  /** Whether a commit changed the table's files. */
  public boolean changed() {
    return !dryRun && !Objects.equals(snapshotAfter, plan.snapshotId());
  }

  public List<PartitionOutcome> with(PartitionOutcome.Status status) {
    return partitions.stream().filter(p -> p.status() == status).toList();
  }

  /** The days whose partitions were compacted, in order (day-partitioned tables only). */
  public List<LocalDate> compactedDays() {
    return with(PartitionOutcome.Status.COMPACTED).stream()
        .map(p -> p.plan().partition().day()).filter(Objects::nonNull).distinct().sorted().toList();
  }

  public int filesAfter() {
    return partitions.stream().mapToInt(p -> p.after().dataFiles()).sum();
  }

  public long bytesAfter() {
    return partitions.stream().mapToLong(p -> p.after().dataBytes()).sum();
  }
}
