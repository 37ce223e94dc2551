package io.historylane.compaction.iceberg;

import io.historylane.core.config.CompactionPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.ScanTaskGroup;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.BinPackRewriteFilePlanner;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.actions.RewriteFileGroup;
import org.apache.iceberg.actions.SizeBasedFileRewritePlanner;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.TableScanUtil;

/**
 * Which file groups Iceberg's own rewrite planner makes of a snapshot, per partition. Asking the
 * planner the action runs, with the same options, makes the dry-run plan exactly what a run
 * rewrites, and tells after a pass which partitions committed all of their groups.
 */
final class IcebergGroups {
  /**
   * One planned group: the files and bytes it reads, the read tasks, and the files Iceberg expects
   * it to write from read splits of {@code splitSize}.
   */
  record Group(int inputFiles, long inputBytes, List<FileScanTask> tasks, int outputFiles, long splitSize) {
    static Group of(RewriteFileGroup g) {
      return new Group(g.inputFileNum(), g.inputFilesSizeInBytes(), List.copyOf(g.fileScanTasks()),
          g.expectedOutputFiles(), g.inputSplitSize());
    }

    /** This group planned again with another expected file count and split size. */
    Group withSplits(int files, long split) {
      return new Group(inputFiles, inputBytes, tasks, files, split);
    }

    /**
     * The weight of each split the rewrite reads, and so of each file it writes: Iceberg's own
     * packing of the tasks into splits of {@code splitSize}, with the look-back the table reads
     * with and no open cost, as the bin-pack runner reads a group. When there are more splits than
     * {@code outputFiles}, the last is a small remainder file.
     */
    long[] readSplits(int lookback) {
      return TableScanUtil.planTaskGroups(tasks, splitSize, lookback, 0).stream()
          .mapToLong(ScanTaskGroup::sizeBytes).toArray();
    }
  }

  /** A partition's planned groups. */
  record Groups(List<Group> list) {
    int groups() {
      return list.size();
    }

    int inputFiles() {
      return list.stream().mapToInt(Group::inputFiles).sum();
    }

    long inputBytes() {
      return list.stream().mapToLong(Group::inputBytes).sum();
    }

    int expectedOutputFiles() {
      return list.stream().mapToInt(Group::outputFiles).sum();
    }
  }

  /** Partitions one rewrite action takes on, and the target file size it runs with. */
  record Batch(long targetBytes, Map<PartitionKey, Groups> partitions) {}

  private IcebergGroups() {}

  /**
   * The options that decide which files are rewritten, shared by the planner and the action. The
   * undersized and oversized bounds stay those of the policy's target when a batch writes to
   * another target (EvenSplits), so every batch selects the files the policy selects.
   */
  static Map<String, String> selectionOptions(CompactionPolicy policy, long writeTarget, long policyTarget) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put(SizeBasedFileRewritePlanner.TARGET_FILE_SIZE_BYTES, String.valueOf(writeTarget));
    options.put(SizeBasedFileRewritePlanner.MIN_FILE_SIZE_BYTES,
        String.valueOf((long) (policyTarget * SizeBasedFileRewritePlanner.MIN_FILE_SIZE_DEFAULT_RATIO)));
    options.put(SizeBasedFileRewritePlanner.MAX_FILE_SIZE_BYTES, String.valueOf(maxFileSize(writeTarget, policyTarget)));
    options.put(SizeBasedFileRewritePlanner.MIN_INPUT_FILES, String.valueOf(policy.minInputFiles()));
    options.put(SizeBasedFileRewritePlanner.MAX_FILE_GROUP_SIZE_BYTES, String.valueOf(policy.maxGroupSize().bytes()));
    options.put(BinPackRewriteFilePlanner.DELETE_RATIO_THRESHOLD, String.valueOf(policy.deleteRatioThreshold()));
    return options;
  }

  /**
   * Iceberg's maximum file size: 1.8 x the policy's target, or for a batch that writes above that
   * target, enough that the writer does not roll a split into two files. The writer rolls at half
   * way between target and maximum, on Parquet's in-memory size, which runs a third or more above
   * the bytes on disk; a fitted split is already its target, so it needs that half way at 1.75 x.
   * Selection is checked unchanged when such a batch is re-planned (batches).
   */
  private static long maxFileSize(long writeTarget, long policyTarget) {
    long policyMax = (long) (policyTarget * SizeBasedFileRewritePlanner.MAX_FILE_SIZE_DEFAULT_RATIO);
    return writeTarget == policyTarget ? policyMax : Math.max(policyMax, writeTarget * 5 / 2);
  }

  /**
   * The options of a rewrite pass: partial progress with about one commit per group, so a group
   * that conflicts with a concurrent writer fails alone; starting sequence numbers, so deletes
   * committed meanwhile still apply to the rewritten rows (iceberg#4996). Dangling deletes are
   * removed in a step of their own: inside the action, a concurrent commit fails the whole call.
   */
  static Map<String, String> passOptions(CompactionPolicy policy, Batch batch, long policyTarget) {
    int groups = batch.partitions().values().stream().mapToInt(Groups::groups).sum();
    Map<String, String> options = selectionOptions(policy, batch.targetBytes(), policyTarget);
    options.put(RewriteDataFiles.PARTIAL_PROGRESS_ENABLED, "true");
    options.put(RewriteDataFiles.PARTIAL_PROGRESS_MAX_COMMITS, String.valueOf(Math.max(1, Math.min(groups, 100))));
    options.put(RewriteDataFiles.MAX_CONCURRENT_FILE_GROUP_REWRITES, String.valueOf(policy.maxConcurrentGroups()));
    options.put(RewriteDataFiles.USE_STARTING_SEQUENCE_NUMBER, "true");
    return options;
  }

  /**
   * The batches a rewrite of {@code filter} runs as: with the sort strategy one, at the policy's
   * target (a shuffle writes even files); with bin-pack one at the policy's target for the
   * partitions that need nothing else, and one per target EvenSplits fits to the others, each
   * re-planned so its groups are what the action will make.
   */
  static List<Batch> batches(Table table, long snapshotId, Expression filter, CompactionPolicy policy,
      long policyTarget, boolean sort, Function<Collection<PartitionKey>, Expression> filterOf) {
    Map<PartitionKey, Groups> standard = plan(table, snapshotId, filter, policy, policyTarget, policyTarget);
    if (sort) {
      return standard.isEmpty() ? List.of() : List.of(new Batch(policyTarget, standard));
    }
    Map<PartitionKey, Groups> rest = new LinkedHashMap<>(standard);
    List<Batch> fitted = new ArrayList<>();
    EvenSplits even = new EvenSplits(table, policy, policyTarget);
    even.targets(standard).forEach((target, keys) -> {
      Map<PartitionKey, Groups> replanned = plan(table, snapshotId, filterOf.apply(keys), policy, target, policyTarget);
      Map<PartitionKey, Groups> accepted = new LinkedHashMap<>();
      for (PartitionKey key : keys) {
        Groups again = replanned.get(key);
        if (again != null && again.groups() == 1 && again.inputFiles() == standard.get(key).inputFiles()
            && even.even(again.list().get(0))) {
          accepted.put(key, again);
          rest.remove(key);
        }
      }
      if (!accepted.isEmpty()) {
        fitted.add(new Batch(target, accepted));
      }
    });
    List<Batch> batches = new ArrayList<>();
    if (!rest.isEmpty()) {
      batches.add(new Batch(policyTarget, rest));
    }
    batches.addAll(fitted);
    return batches;
  }

  /** {@code batches} narrowed to the partitions in {@code keys}; batches left with none are dropped. */
  static List<Batch> only(List<Batch> batches, Set<PartitionKey> keys) {
    List<Batch> out = new ArrayList<>();
    for (Batch b : batches) {
      Map<PartitionKey, Groups> kept = new LinkedHashMap<>(b.partitions());
      kept.keySet().retainAll(keys);
      if (!kept.isEmpty()) {
        out.add(new Batch(b.targetBytes(), kept));
      }
    }
    return out;
  }

  /** Every partition's groups across {@code batches}. */
  static Map<PartitionKey, Groups> all(List<Batch> batches) {
    Map<PartitionKey, Groups> all = new LinkedHashMap<>();
    batches.forEach(b -> all.putAll(b.partitions()));
    return all;
  }

  private static Map<PartitionKey, Groups> plan(Table table, long snapshotId, Expression filter,
      CompactionPolicy policy, long writeTarget, long policyTarget) {
    BinPackRewriteFilePlanner planner = new BinPackRewriteFilePlanner(table, filter, snapshotId, false);
    planner.init(selectionOptions(policy, writeTarget, policyTarget));
    Map<PartitionKey, List<Group>> byPartition = new LinkedHashMap<>();
    try (CloseableIterable<RewriteFileGroup> groups = planner.plan().groups()) {
      for (RewriteFileGroup g : groups) {
        byPartition.computeIfAbsent(PartitionKey.of(g.info().partition()), k -> new ArrayList<>()).add(Group.of(g));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot plan the rewrite of " + table.name(), e);
    }
    Map<PartitionKey, Groups> result = new LinkedHashMap<>();
    byPartition.forEach((key, list) -> result.put(key, new Groups(List.copyOf(list))));
    return result;
  }
}
