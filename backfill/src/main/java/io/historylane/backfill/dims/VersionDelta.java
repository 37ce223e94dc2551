package io.historylane.backfill.dims;

import io.historylane.core.config.TableConfig;
import io.historylane.core.lake.WapBranch;
import io.historylane.core.session.JobGroup;
import io.historylane.core.session.LakehouseSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.DeleteGranularity;
import org.apache.iceberg.deletes.PositionDelete;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FanoutPositionOnlyDeleteWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a dimension's rebuilt versions to its table as one step of main: the new and rewritten
 * versions are appended, and the versions they replace are deleted by position, both on a branch
 * made from the snapshot the run read; then main is fast-forwarded to the branch. Readers never see
 * the appended versions without the deletes, and a commit another writer made to main meanwhile
 * stops the fast-forward with nothing published.
 *
 * <p>Why not MERGE INTO: a merge-on-read MERGE scans the whole table to find where each replaced
 * version lies, though the run has just read those versions, with their data file and row position,
 * to rebuild them. Deleting by those positions keeps the commit's cost with the changed keys, not
 * with the size of the dimension.
 */
final class VersionDelta {
  private static final Logger LOG = LoggerFactory.getLogger(VersionDelta.class);
  /** Rows of positions brought to the driver per job while writing the delete files. */
  private static final long POSITIONS_PER_JOB = 500_000;

  private final LakehouseSession session;
  private final TableConfig config;
  private final String runId;
  private final String step;

  /** @param step the run's step prefix, for the Spark job descriptions */
  VersionDelta(LakehouseSession session, TableConfig config, String runId, String step) {
    this.session = session;
    this.config = config;
    this.runId = runId;
    this.step = step;
  }

  /**
   * @param added the versions to write, in the table's columns
   * @param replaced the data file and row position ({@code _file}, {@code _pos}) of each version
   *     that is rewritten or removed
   * @param before the snapshot the versions were read at; null for a table without one
   * @param properties recorded in the summary of each snapshot the commit makes
   * @return main's snapshot after the commit
   */
  long commit(Dataset<Row> added, long addedCount, Dataset<Row> replaced, long replacedCount, Long before,
      Map<String, String> properties) {
    Table table = session.icebergTable(config.iceberg());
    String branch = "historylane_" + runId.replaceAll("[^A-Za-z0-9_]", "_");
    WapBranch.recreate(table, branch, before);
    try {
      if (addedCount > 0) {
        try (JobGroup g = JobGroup.start(session.spark(), runId, step + ": write " + addedCount + " versions")) {
          String target = WapBranch.sparkIdentifier(session.icebergCatalogName(), config.iceberg(), branch);
          CommitMetadata.withCommitProperties(properties, () -> {
            added.writeTo(target).append();
            return null;
          }, RuntimeException.class);
        }
      }
      if (replacedCount > 0) {
        table.refresh();
        RowDelta delta = table.newRowDelta().toBranch(branch);
        try (JobGroup g = JobGroup.start(session.spark(), runId, step + ": delete " + replacedCount + " replaced versions")) {
          writeDeletes(table, replaced, replacedCount, before).forEach(delta::addDeletes);
        }
        properties.forEach(delta::set);
        delta.commit();
      }
      long main = WapBranch.publish(table, branch);
      LOG.info("{}: {} versions written, {} replaced or removed: main is now snapshot {}", config.iceberg(),
          addedCount, replacedCount, main);
      return main;
    } catch (RuntimeException e) {
      try {
        WapBranch.drop(table, branch);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /** Position deletes, one file per data file they touch (what Iceberg's own Spark writes make). */
  private static List<DeleteFile> writeDeletes(Table table, Dataset<Row> replaced, long count, Long before) {
    Map<String, DataFile> files = dataFiles(table, before);
    long target = PropertyUtil.propertyAsLong(table.properties(), TableProperties.DELETE_TARGET_FILE_SIZE_BYTES,
        TableProperties.DELETE_TARGET_FILE_SIZE_BYTES_DEFAULT);
    FanoutPositionOnlyDeleteWriter<Record> writer = new FanoutPositionOnlyDeleteWriter<>(
        new GenericFileWriterFactory.Builder(table).build(), OutputFileFactory.builderFor(table, 0, 0).build(),
        table.io(), target, DeleteGranularity.FILE);
    PositionDelete<Record> delete = PositionDelete.create();
    int jobs = (int) Math.max(1, Math.min(replaced.rdd().getNumPartitions(), count / POSITIONS_PER_JOB));
    try (writer) {
      for (Iterator<Row> rows = replaced.coalesce(jobs).toLocalIterator(); rows.hasNext();) {
        Row r = rows.next();
        DataFile file = files.get(r.getString(0));
        if (file == null) {
          throw new IllegalStateException("a version of " + table.name() + " was read from " + r.getString(0)
              + ", which snapshot " + before + " does not hold");
        }
        writer.write(delete.set(file.location(), r.getLong(1)), table.specs().get(file.specId()), file.partition());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing position deletes for " + table.name() + " failed", e);
    }
    return writer.result().deleteFiles();
  }

  /** The data files of {@code before}, by location: the files the replaced versions were read from. */
  private static Map<String, DataFile> dataFiles(Table table, Long before) {
    Map<String, DataFile> files = new HashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(before).planFiles()) {
      tasks.forEach(task -> files.put(task.file().location(), task.file()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
