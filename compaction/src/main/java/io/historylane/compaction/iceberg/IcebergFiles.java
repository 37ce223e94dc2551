package io.historylane.compaction.iceberg;

import io.historylane.core.lake.SnapshotProperties;
import io.historylane.compaction.plan.FileLayout;
import io.historylane.compaction.plan.LayoutCounter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.util.SnapshotUtil;

/** Reads what compaction needs from Iceberg metadata: partition layouts and which partitions commits touched. */
final class IcebergFiles {
  private IcebergFiles() {}

  /**
   * The layout of every partition (of the current spec) with live files matching {@code filter} at
   * {@code snapshotId}: data files with the delete files that apply to them and the manifests that
   * list them. Files written under an older partition spec are not planned (partition evolution).
   */
  static Map<PartitionKey, FileLayout> layouts(Table table, long snapshotId, Expression filter, long targetBytes) {
    Map<PartitionKey, LayoutCounter> counters = new LinkedHashMap<>();
    int specId = table.spec().specId();
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshotId).filter(filter).ignoreResiduals().planFiles()) {
      for (FileScanTask task : tasks) {
        if (task.file().specId() != specId) {
          continue;
        }
        LayoutCounter counter = counters.computeIfAbsent(PartitionKey.of(task.file().partition()),
            k -> new LayoutCounter(targetBytes));
        counter.dataFile(0, task.file().fileSizeInBytes(), task.file().recordCount(), task.file().manifestLocation());
        for (DeleteFile delete : task.deletes()) {
          counter.deleteFile(delete.location(), delete.recordCount(), delete.content() == FileContent.POSITION_DELETES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot plan the files of " + table.name(), e);
    }
    Map<PartitionKey, FileLayout> layouts = new LinkedHashMap<>();
    counters.forEach((k, c) -> layouts.put(k, c.layout()));
    return layouts;
  }

  /**
   * The partitions that snapshots of main committed at or after {@code sinceMillis} added files to
   * or removed files from: a streaming writer may still be at them.
   */
  static Set<PartitionKey> touchedSince(Table table, Snapshot head, long sinceMillis) {
    Set<PartitionKey> touched = new HashSet<>();
    for (Snapshot s : SnapshotUtil.ancestorsOf(head.snapshotId(), table::snapshot)) {
      if (s.timestampMillis() < sinceMillis) {
        break;
      }
      // the quiet period keeps compaction from fighting a streaming writer; historylane's own
      // commits (a backfill, a repair, a compaction) are finished batches: compacting right after them is the point
      if (!s.summary().containsKey(SnapshotProperties.RUN_ID)) {
        touched.addAll(touchedBy(table, s));
      }
    }
    return touched;
  }


  /** The partitions (of the current spec) whose files {@code snapshot} added or removed. */
  static Set<PartitionKey> touchedBy(Table table, Snapshot snapshot) {
    Set<PartitionKey> touched = new HashSet<>();
    FileIO io = table.io();
    int specId = table.spec().specId();
    addPartitions(touched, snapshot.addedDataFiles(io), specId);
    addPartitions(touched, snapshot.removedDataFiles(io), specId);
    addPartitions(touched, snapshot.addedDeleteFiles(io), specId);
    addPartitions(touched, snapshot.removedDeleteFiles(io), specId);
    return touched;
  }

  private static void addPartitions(Set<PartitionKey> into, Iterable<? extends ContentFile<?>> files, int specId) {
    for (ContentFile<?> f : files) {
      if (f.specId() == specId) {
        into.add(PartitionKey.of(f.partition()));
      }
    }
  }
}
