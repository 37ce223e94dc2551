package io.historylane.compaction.iceberg;

import io.historylane.core.config.CompactionPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.BinPackRewriteFilePlanner;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.actions.RewriteFileGroup;
import org.apache.iceberg.actions.SizeBasedFileRewritePlanner;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Which file groups Iceberg's own rewrite planner makes of a snapshot, per partition. Asking the
 * planner the action runs, with the same options, makes the dry-run plan exactly what a run
 * rewrites, and tells after a pass which partitions committed all of their groups.
 */
final class IcebergGroups {
  /** A partition's planned groups: files and bytes they read, files they are expected to write. */
  record Groups(int groups, int inputFiles, long inputBytes, int expectedOutputFiles) {
    static final Groups NONE = new Groups(0, 0, 0, 0);

    Groups plus(RewriteFileGroup g) {
      return new Groups(groups + 1, inputFiles + g.inputFileNum(), inputBytes + g.inputFilesSizeInBytes(),
          expectedOutputFiles + g.expectedOutputFiles());
    }
  }

  private IcebergGroups() {}

  /** The options that decide which files are rewritten, shared by the planner and the action. */
  static Map<String, String> selectionOptions(CompactionPolicy policy, long targetBytes) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put(SizeBasedFileRewritePlanner.TARGET_FILE_SIZE_BYTES, String.valueOf(targetBytes));
    options.put(SizeBasedFileRewritePlanner.MIN_INPUT_FILES, String.valueOf(policy.minInputFiles()));
    options.put(SizeBasedFileRewritePlanner.MAX_FILE_GROUP_SIZE_BYTES, String.valueOf(policy.maxGroupSize().bytes()));
    options.put(BinPackRewriteFilePlanner.DELETE_RATIO_THRESHOLD, String.valueOf(policy.deleteRatioThreshold()));
    return options;
  }

  /**
   * The options of a rewrite pass: partial progress with about one commit per group, so a group
   * that conflicts with a concurrent writer fails alone; starting sequence numbers, so deletes
   * committed meanwhile still apply to the rewritten rows (iceberg#4996). Dangling deletes are
   * removed in a step of their own: inside the action, a concurrent commit fails the whole call.
   */
  static Map<String, String> passOptions(CompactionPolicy policy, long targetBytes, int groups) {
    Map<String, String> options = selectionOptions(policy, targetBytes);
    options.put(RewriteDataFiles.PARTIAL_PROGRESS_ENABLED, "true");
    options.put(RewriteDataFiles.PARTIAL_PROGRESS_MAX_COMMITS, String.valueOf(Math.max(1, Math.min(groups, 100))));
    options.put(RewriteDataFiles.MAX_CONCURRENT_FILE_GROUP_REWRITES, String.valueOf(policy.maxConcurrentGroups()));
    options.put(RewriteDataFiles.USE_STARTING_SEQUENCE_NUMBER, "true");
    return options;
  }

  static Map<PartitionKey, Groups> plan(Table table, long snapshotId, Expression filter, CompactionPolicy policy,
      long targetBytes) {
    BinPackRewriteFilePlanner planner = new BinPackRewriteFilePlanner(table, filter, snapshotId, false);
    planner.init(selectionOptions(policy, targetBytes));
    Map<PartitionKey, Groups> byPartition = new LinkedHashMap<>();
    try (CloseableIterable<RewriteFileGroup> groups = planner.plan().groups()) {
      for (RewriteFileGroup g : groups) {
        byPartition.compute(PartitionKey.of(g.info().partition()), (k, sum) -> (sum == null ? Groups.NONE : sum).plus(g));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot plan the rewrite of " + table.name(), e);
    }
    return byPartition;
  }
}
