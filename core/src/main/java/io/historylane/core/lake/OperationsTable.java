package io.historylane.core.lake;

import io.historylane.core.error.RunFailedException;
import io.historylane.core.session.LakehouseSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * One of historylane's own small tables in the operations namespace (the snapshot-cut manifest,
 * repair progress, remembered orphan deletes), kept through Iceberg's Java API: no Spark job, and
 * Spark can still query it like any table.
 *
 * <p>It is tiny, so every change rewrites it whole into one file, committed as an overwrite of
 * exactly the files it read, validated from the snapshot it read: two runs changing it at once
 * cannot lose each other's rows; the loser reads again and reapplies its change.
 *
 * @param <T> the row type
 */
public final class OperationsTable<T> {
  private static final int ATTEMPTS = 5;

  private final Catalog catalog;
  private final TableIdentifier identifier;
  private final Schema schema;
  private final Function<Record, T> fromRecord;
  private final Function<T, Record> toRecord;

  public OperationsTable(LakehouseSession session, String name, Schema schema, Function<Record, T> fromRecord,
      Function<T, Record> toRecord) {
    this.catalog = session.icebergCatalog();
    this.identifier = TableIdentifier.of(session.config().catalogs().operationsNamespace(), name);
    this.schema = schema;
    this.fromRecord = fromRecord;
    this.toRecord = toRecord;
  }

  /** {@code historylane_ops.<name>}. */
  public String identifier() {
    return identifier.toString();
  }

  /** Every row, in the order written; empty when nothing was ever written. */
  public List<T> rows() {
    if (!catalog.tableExists(identifier)) {
      return List.of();
    }
    Table table = catalog.loadTable(identifier);
    return table.currentSnapshot() == null ? List.of() : read(table, table.currentSnapshot());
  }

  /**
   * Applies {@code change} to the rows and commits the result, unless it changes nothing. Retried
   * from a fresh read when another run committed in between.
   *
   * @return whether anything was committed
   */
  public boolean update(UnaryOperator<List<T>> change) {
    Table table = loadOrCreate();
    for (int attempt = 1; ; attempt++) {
      table.refresh();
      Snapshot base = table.currentSnapshot();
      List<T> before = base == null ? List.of() : read(table, base);
      List<T> after = change.apply(before);
      if (after.equals(before)) {
        return false;
      }
      try {
        commit(table, base, after);
        return true;
      } catch (CommitFailedException | ValidationException e) {
        if (attempt == ATTEMPTS) {
          throw new RunFailedException(identifier + " kept changing under this run (" + ATTEMPTS
              + " attempts): nothing of this run is in it; rerun", e);
        }
      }
    }
  }

  /** Adds {@code rows} (an update that appends). */
  public void append(List<T> rows) {
    if (!rows.isEmpty()) {
      update(before -> {
        List<T> after = new ArrayList<>(before);
        after.addAll(rows);
        return after;
      });
    }
  }

  private Table loadOrCreate() {
    if (catalog.tableExists(identifier)) {
      return catalog.loadTable(identifier);
    }
    IcebergNamespaces.ensure(catalog, identifier.namespace());
    try {
      return catalog.createTable(identifier, schema, PartitionSpec.unpartitioned(),
          Map.of(TableProperties.FORMAT_VERSION, "2"));
    } catch (AlreadyExistsException e) {
      return catalog.loadTable(identifier);
    }
  }

  private List<T> read(Table table, Snapshot snapshot) {
    List<T> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).useSnapshot(snapshot.snapshotId()).build()) {
      for (Record r : records) {
        rows.add(fromRecord.apply(r));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + table.name(), e);
    }
    return rows;
  }

  /** Replaces every file of {@code base} with one file holding {@code rows}. */
  private void commit(Table table, Snapshot base, List<T> rows) {
    OverwriteFiles overwrite = table.newOverwrite();
    if (base != null) {
      try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(base.snapshotId()).planFiles()) {
        tasks.forEach(t -> overwrite.deleteFile(t.file()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot plan " + table.name(), e);
      }
      overwrite.validateFromSnapshot(base.snapshotId());
    }
    if (!rows.isEmpty()) {
      overwrite.addFile(RecordFiles.write(table, rows.stream().map(toRecord).toList()));
    }
    overwrite.conflictDetectionFilter(Expressions.alwaysTrue()).validateNoConflictingData().validateNoConflictingDeletes()
        .commit();
  }
}
