package io.historylane.compaction.plan;

import java.time.Instant;
import java.util.List;

/**
 * The compaction plan of one table, read from one snapshot: every partition in scope with its
 * layout and decision. {@code compact --dry-run} prints it; a run executes exactly it.
 *
 * @param table the registry name
 * @param identifier the table in its catalog
 * @param format iceberg or paimon
 * @param snapshotId the snapshot the plan read (null: the table has no snapshot yet)
 * @param targetFileSize the file size the rewrite writes
 * @param strategy binpack or sort (Iceberg), full or minor (Paimon)
 * @param dayPartitioned whether partitions are days (their days go into the change set)
 * @param plannedAt the planner's "now" (the quiet period is measured back from it)
 */
public record TablePlan(
    String table,
    String identifier,
    String format,
    Long snapshotId,
    long targetFileSize,
    String strategy,
    boolean dayPartitioned,
    Instant plannedAt,
    List<PartitionPlan> partitions) {

  public TablePlan {
    partitions = List.copyOf(partitions);
  }

  public List<PartitionPlan> withWork() {
    return partitions.stream().filter(PartitionPlan::hasWork).toList();
  }

  public boolean hasWork() {
    return partitions.stream().anyMatch(PartitionPlan::hasWork);
  }

  public long bytesToRewrite() {
    return partitions.stream().mapToLong(PartitionPlan::bytesToRewrite).sum();
  }

  public int filesBefore() {
    return partitions.stream().mapToInt(p -> p.before().dataFiles()).sum();
  }

  public long bytesBefore() {
    return partitions.stream().mapToLong(p -> p.before().dataBytes()).sum();
  }

  public int expectedFilesAfter() {
    return partitions.stream().mapToInt(PartitionPlan::expectedFiles).sum();
  }
}
