package io.historylane.compaction.iceberg;

import io.historylane.compaction.iceberg.IcebergGroups.Group;
import io.historylane.compaction.iceberg.IcebergGroups.Groups;
import io.historylane.core.config.CompactionPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.actions.BinPackRewriteFilePlanner;
import org.apache.iceberg.actions.SizeBasedFileRewritePlanner;
import org.apache.iceberg.util.PropertyUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write targets under which Iceberg's bin-pack rewrite writes the files it planned, without a
 * small remainder file.
 *
 * <p>Iceberg plans a group of {@code S} bytes as {@code n} files and reads it in splits of
 * {@code S / n} plus 5 KB. Files are packed whole into those splits, so unless they happen to
 * divide evenly the {@code n} splits cannot hold the group and an {@code n+1}st split, one or two
 * fragments, becomes a small file: compacting 200 fragments of 120 KB to a 4 MB target leaves six
 * 4 MB files and a 250 KB one, in every partition, on every run. A somewhat larger target, which
 * Iceberg also reads with larger splits, gives the packing the room it needs. The target is looked
 * for per partition through Iceberg's own arithmetic (a planner with the candidate options) and
 * Iceberg's own packing of the group's tasks, from the planned file count down, and is kept only if
 * every split comes out well above the undersized bound. Files the policy selects stay the same
 * (IcebergGroups.selectionOptions) and a written file stays under the policy's maximum file size.
 * Partitions that share a target share an action.
 */
final class EvenSplits {
  private static final Logger LOG = LoggerFactory.getLogger(EvenSplits.class);
  /** Candidate targets tried per file count, a quarter of the largest task apart. */
  private static final int CANDIDATES = 16;

  private final Table table;
  private final CompactionPolicy policy;
  private final long policyTarget;
  private final int lookback;

  EvenSplits(Table table, CompactionPolicy policy, long policyTarget) {
    this.table = table;
    this.policy = policy;
    this.policyTarget = policyTarget;
    this.lookback = PropertyUtil.propertyAsInt(table.properties(), TableProperties.SPLIT_LOOKBACK,
        TableProperties.SPLIT_LOOKBACK_DEFAULT);
  }

  /**
   * Whether a group reads as many splits as the files it plans, none of them small. The smallest
   * must clear the undersized bound by an eighth: a rewritten file comes out somewhat smaller than
   * its inputs (longer row groups, one dictionary instead of many).
   */
  boolean even(Group group) {
    long[] splits = group.readSplits(lookback);
    long undersized = (long) (policyTarget * SizeBasedFileRewritePlanner.MIN_FILE_SIZE_DEFAULT_RATIO);
    return splits.length <= group.outputFiles()
        && (splits.length <= 1 || Arrays.stream(splits).min().orElse(0) >= undersized * 8 / 7);
  }

  /**
   * @return fitted targets, smallest first, each with the partitions that run with it; partitions
   *     that are already even, that span several groups, or for which no target fits are not in it
   *     and run at the policy's target
   */
  Map<Long, List<PartitionKey>> targets(Map<PartitionKey, Groups> planned) {
    Map<PartitionKey, Long> fitted = new LinkedHashMap<>();
    planned.forEach((key, groups) -> {
      if (groups.groups() == 1 && !even(groups.list().get(0))) {
        Long target = fit(groups.list().get(0));
        if (target == null) {
          LOG.info("no write target reads {} in even splits; it may keep a small remainder file", key);
        } else {
          fitted.put(key, target);
        }
      }
    });
    // the smallest target of a batch serves every later partition it also fits
    Map<Long, List<PartitionKey>> batches = new LinkedHashMap<>();
    long current = -1;
    for (Map.Entry<PartitionKey, Long> e : fitted.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList()) {
      if (current < 0 || !fits(planned.get(e.getKey()).list().get(0), current)) {
        current = e.getValue();
      }
      batches.computeIfAbsent(current, t -> new ArrayList<>()).add(e.getKey());
    }
    return batches;
  }

  /** The smallest target that reads {@code group} evenly, for the most files up to those planned. */
  private Long fit(Group group) {
    long step = Math.max(1024, group.tasks().stream().mapToLong(FileScanTask::sizeBytes).max().orElse(0) / 4);
    for (int files = group.outputFiles(); files >= 1; files--) {
      long base = group.inputBytes() / files;
      for (int k = 1; k <= CANDIDATES; k++) {
        if (fits(group, base + k * step)) {
          return base + k * step;
        }
      }
    }
    return null;
  }

  private boolean fits(Group group, long target) {
    long max = (long) (policyTarget * SizeBasedFileRewritePlanner.MAX_FILE_SIZE_DEFAULT_RATIO);
    if (target <= policyTarget || target >= max) {
      return false;
    }
    Arithmetic iceberg = new Arithmetic(table);
    iceberg.init(IcebergGroups.selectionOptions(policy, target, policyTarget));
    return even(group.withSplits(iceberg.outputFiles(group.inputBytes()), iceberg.splitSize(group.inputBytes())));
  }

  /** Iceberg's planner, asked only for the files and split size it would give a group. */
  private static final class Arithmetic extends BinPackRewriteFilePlanner {
    Arithmetic(Table table) {
      super(table);
    }

    int outputFiles(long inputBytes) {
      return expectedOutputFiles(inputBytes);
    }

    long splitSize(long inputBytes) {
      return inputSplitSize(inputBytes);
    }
  }
}
