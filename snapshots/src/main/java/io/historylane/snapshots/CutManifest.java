package io.historylane.snapshots;

import static org.apache.iceberg.types.Types.NestedField.required;

import io.historylane.core.error.RunFailedException;
import io.historylane.core.session.LakehouseSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * The record of every cut: an Iceberg table {@code <operations-namespace>.snapshot_cuts} with one
 * row per cut and table. Spark can query it like any table; historylane reads and writes it
 * through Iceberg's Java API, so keeping it costs no Spark job.
 *
 * <p>It is tiny (a row per tag), so every change rewrites it whole into one file, committed as an
 * overwrite of exactly the files it read, validated from the snapshot it read: two runs changing
 * it at once cannot lose each other's rows; the loser reads again and reapplies its change.
 */
public final class CutManifest {
  public static final String TABLE_NAME = "snapshot_cuts";
  private static final int ATTEMPTS = 5;

  static final Schema SCHEMA = new Schema(
      required(1, "name", Types.StringType.get()),
      required(2, "as_of", Types.TimestampType.withZone()),
      required(3, "table_name", Types.StringType.get()),
      required(4, "format", Types.StringType.get()),
      required(5, "identifier", Types.StringType.get()),
      required(6, "snapshot_id", Types.LongType.get()),
      required(7, "snapshot_at", Types.TimestampType.withZone()),
      required(8, "run_id", Types.StringType.get()),
      required(9, "creator", Types.StringType.get()),
      required(10, "retention_end", Types.TimestampType.withZone()),
      required(11, "created_at", Types.TimestampType.withZone()));

  private final Catalog catalog;
  private final TableIdentifier identifier;

  CutManifest(LakehouseSession session) {
    this.catalog = session.icebergCatalog();
    this.identifier = TableIdentifier.of(session.config().catalogs().operationsNamespace(), TABLE_NAME);
  }

  /** {@code historylane_ops.snapshot_cuts}. */
  public String identifier() {
    return identifier.toString();
  }

  /** Every row, in the order written; empty when no cut was ever made. */
  public List<CutEntry> entries() {
    if (!catalog.tableExists(identifier)) {
      return List.of();
    }
    Table table = catalog.loadTable(identifier);
    return table.currentSnapshot() == null ? List.of() : read(table, table.currentSnapshot());
  }

  public List<Cut> cuts() {
    return Cut.group(entries());
  }

  /**
   * Applies {@code change} to the rows and commits the result, unless it changes nothing. Retried
   * from a fresh read when another run committed in between.
   *
   * @return whether anything was committed
   */
  boolean update(UnaryOperator<List<CutEntry>> change) {
    Table table = loadOrCreate();
    for (int attempt = 1; ; attempt++) {
      table.refresh();
      Snapshot base = table.currentSnapshot();
      List<CutEntry> before = base == null ? List.of() : read(table, base);
      List<CutEntry> after = change.apply(before);
      if (after.equals(before)) {
        return false;
      }
      try {
        commit(table, base, after);
        return true;
      } catch (CommitFailedException | ValidationException e) {
        if (attempt == ATTEMPTS) {
          throw new RunFailedException("the cut manifest " + identifier + " kept changing under this run (" + ATTEMPTS
              + " attempts): nothing of this run is in it; rerun", e);
        }
      }
    }
  }

  private Table loadOrCreate() {
    if (catalog.tableExists(identifier)) {
      return catalog.loadTable(identifier);
    }
    Namespace namespace = identifier.namespace();
    if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
      try {
        namespaces.createNamespace(namespace);
      } catch (AlreadyExistsException e) {
        // another run made it first
      }
    }
    try {
      return catalog.createTable(identifier, SCHEMA, PartitionSpec.unpartitioned(),
          Map.of(TableProperties.FORMAT_VERSION, "2"));
    } catch (AlreadyExistsException e) {
      return catalog.loadTable(identifier);
    }
  }

  private static List<CutEntry> read(Table table, Snapshot snapshot) {
    List<CutEntry> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).useSnapshot(snapshot.snapshotId()).build()) {
      for (Record r : records) {
        rows.add(new CutEntry((String) r.getField("name"), instant(r, "as_of"), (String) r.getField("table_name"),
            TableFormat.parse((String) r.getField("format")), (String) r.getField("identifier"),
            (Long) r.getField("snapshot_id"), instant(r, "snapshot_at"), (String) r.getField("run_id"),
            (String) r.getField("creator"), instant(r, "retention_end"), instant(r, "created_at")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the cut manifest " + table.name(), e);
    }
    return rows;
  }

  /** Replaces every file of {@code base} with one file holding {@code rows}. */
  private static void commit(Table table, Snapshot base, List<CutEntry> rows) {
    OverwriteFiles overwrite = table.newOverwrite();
    if (base != null) {
      try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(base.snapshotId()).planFiles()) {
        tasks.forEach(t -> overwrite.deleteFile(t.file()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot plan the cut manifest " + table.name(), e);
      }
      overwrite.validateFromSnapshot(base.snapshotId());
    }
    if (!rows.isEmpty()) {
      overwrite.addFile(RecordFiles.write(table, rows.stream().map(CutManifest::record).toList()));
    }
    overwrite.conflictDetectionFilter(Expressions.alwaysTrue()).validateNoConflictingData().validateNoConflictingDeletes()
        .commit();
  }

  private static Record record(CutEntry e) {
    GenericRecord r = GenericRecord.create(SCHEMA);
    r.setField("name", e.name());
    r.setField("as_of", offset(e.asOf()));
    r.setField("table_name", e.table());
    r.setField("format", e.format().configName());
    r.setField("identifier", e.identifier());
    r.setField("snapshot_id", e.snapshotId());
    r.setField("snapshot_at", offset(e.snapshotAt()));
    r.setField("run_id", e.runId());
    r.setField("creator", e.creator());
    r.setField("retention_end", offset(e.retentionEnd()));
    r.setField("created_at", offset(e.createdAt()));
    return r;
  }

  private static OffsetDateTime offset(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(Record r, String field) {
    return ((OffsetDateTime) r.getField(field)).toInstant();
  }
}
