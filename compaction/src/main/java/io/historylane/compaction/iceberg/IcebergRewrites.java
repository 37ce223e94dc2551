package io.historylane.compaction.iceberg;

import io.historylane.core.lake.SnapshotProperties;
import io.historylane.compaction.Compactor;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.actions.RewritePositionDeleteFiles;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.ManifestEvaluator;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.SparkSession;

/** The Iceberg Spark actions compaction runs, each committing with the run id in its snapshot summary. */
final class IcebergRewrites {
  private static final Logger LOG = LoggerFactory.getLogger(IcebergRewrites.class);

  /** What one rewrite pass committed. */
  record DataPass(int committedGroups, Map<PartitionKey, Integer> committedByPartition, int filesRewritten,
      int filesAdded, long bytesRewritten, int deleteFilesRemoved) {
    static final DataPass NONE = new DataPass(0, Map.of(), 0, 0, 0, 0);

    DataPass plus(DataPass other) {
      Map<PartitionKey, Integer> byPartition = new HashMap<>(committedByPartition);
      other.committedByPartition.forEach((k, n) -> byPartition.merge(k, n, Integer::sum));
      return new DataPass(committedGroups + other.committedGroups, byPartition, filesRewritten + other.filesRewritten,
          filesAdded + other.filesAdded, bytesRewritten + other.bytesRewritten,
          deleteFilesRemoved + other.deleteFilesRemoved);
    }
  }

  private IcebergRewrites() {}

  static DataPass rewriteData(SparkSession spark, Table table, Expression filter, Map<String, String> options,
      boolean sort, String runId) {
    RewriteDataFiles action = SparkActions.get(spark).rewriteDataFiles(table).filter(filter).options(options)
        .snapshotProperty(SnapshotProperties.RUN_ID, runId);
    RewriteDataFiles.Result result = (sort ? action.sort() : action.binPack()).execute();
    Map<PartitionKey, Integer> byPartition = new HashMap<>();
    for (RewriteDataFiles.FileGroupRewriteResult group : result.rewriteResults()) {
      byPartition.merge(PartitionKey.of(group.info().partition()), 1, Integer::sum);
    }
    return new DataPass(result.rewriteResults().size(), byPartition, result.rewrittenDataFilesCount(),
        result.addedDataFilesCount(), result.rewrittenBytesCount(), result.removedDeleteFilesCount());
  }

  /** @return position delete files removed (combined into fewer, or dropped as dangling) */
  static int rewritePositionDeletes(SparkSession spark, Table table, Expression filter, int minInputFiles, String runId) {
    RewritePositionDeleteFiles.Result result = SparkActions.get(spark).rewritePositionDeletes(table).filter(filter)
        .option(RewritePositionDeleteFiles.PARTIAL_PROGRESS_ENABLED, "true")
        .option("min-input-files", String.valueOf(minInputFiles))
        .snapshotProperty(SnapshotProperties.RUN_ID, runId)
        .execute();
    return result.rewrittenDeleteFilesCount() - result.addedDeleteFilesCount();
  }

  /**
   * Drops delete files that no longer apply to any live data file (those of rewritten files).
   * The action refuses to commit when the table moved meanwhile; it is retried, and a table that
   * never holds still keeps its dangling deletes until the next run, which is harmless.
   *
   * @return delete files removed
   */
  static int removeDanglingDeletes(SparkSession spark, Supplier<Table> table, int attempts) {
    for (int attempt = 1; ; attempt++) {
      try {
        int removed = 0;
        for (DeleteFile ignored : SparkActions.get(spark).removeDanglingDeleteFiles(table.get()).execute().removedDeleteFiles()) {
          removed++;
        }
        return removed;
      } catch (ValidationException | CommitFailedException e) {
        if (attempt >= attempts) {
          LOG.warn("dangling delete files stay in {} until the next run: {}", table.get().name(), e.getMessage());
          return 0;
        }
      }
    }
  }

  /** Rewrites the manifests that may list files of the partitions {@code filter} selects. */
  static void rewriteManifests(SparkSession spark, Table table, Expression filter, String runId) {
    Map<Integer, ManifestEvaluator> evaluators = new HashMap<>();
    SparkActions.get(spark).rewriteManifests(table)
        .rewriteIf((ManifestFile m) -> evaluators
            .computeIfAbsent(m.partitionSpecId(), id -> ManifestEvaluator.forRowFilter(filter, table.specs().get(id), false))
            .eval(m))
        .snapshotProperty(SnapshotProperties.RUN_ID, runId)
        .execute();
  }
}
