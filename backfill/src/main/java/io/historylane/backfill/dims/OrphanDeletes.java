package io.historylane.backfill.dims;

import io.historylane.core.session.LakehouseSession;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Deletes that found no version to close when their range was built (the key's earlier ranges were
 * not built yet), kept in {@code <operations namespace>.scd2_orphan_deletes} so that building an
 * earlier range later still ends the key's last version there. Small: only such deletes land here.
 */
final class OrphanDeletes {
  static final String TABLE = "scd2_orphan_deletes";

  private final LakehouseSession session;
  private final String dimension;
  private final String identifier;

  OrphanDeletes(LakehouseSession session, String dimension) {
    this.session = session;
    this.dimension = dimension;
    this.identifier = session.config().catalogs().operationsNamespace() + "." + TABLE;
  }

  /** The remembered deletes of this dimension at or after {@code from}, per key, ascending. */
  Map<String, List<Long>> since(long from) {
    Map<String, List<Long>> out = new HashMap<>();
    if (!session.icebergTableExists(identifier)) {
      return out;
    }
    String sql = "SELECT key, commit_ms FROM " + session.icebergCatalogName() + "." + identifier
        + " WHERE dimension = '" + dimension + "' AND commit_ms >= " + from + " ORDER BY commit_ms";
    for (Row r : session.spark().sql(sql).collectAsList()) {
      out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getLong(1));
    }
    return out;
  }

  /** Remembers {@code deletes} (key, commit time) not remembered yet. */
  void remember(List<Row> deletes, Map<String, List<Long>> known, String runId) {
    List<Row> fresh = new ArrayList<>();
    for (Row d : deletes) {
      String key = d.getString(0);
      long at = d.getLong(1);
      if (!known.getOrDefault(key, List.of()).contains(at)) {
        fresh.add(RowFactory.create(dimension, key, at, runId, new Timestamp(System.currentTimeMillis())));
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    if (!session.icebergTableExists(identifier)) {
      TableIdentifier id = TableIdentifier.parse(identifier);
      io.historylane.backfill.common.IcebergTables.ensureNamespace(session, id);
      session.icebergCatalog().createTable(id, new Schema(
          Types.NestedField.required(1, "dimension", Types.StringType.get()),
          Types.NestedField.required(2, "key", Types.StringType.get()),
          Types.NestedField.required(3, "commit_ms", Types.LongType.get()),
          Types.NestedField.required(4, "run_id", Types.StringType.get()),
          Types.NestedField.required(5, "recorded_at", Types.TimestampType.withZone())));
    }
    StructType schema = new StructType()
        .add("dimension", DataTypes.StringType, false).add("key", DataTypes.StringType, false)
        .add("commit_ms", DataTypes.LongType, false).add("run_id", DataTypes.StringType, false)
        .add("recorded_at", DataTypes.TimestampType, false);
    try {
      session.spark().createDataFrame(fresh, schema).writeTo(session.icebergCatalogName() + "." + identifier).append();
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("the table created above is gone: " + identifier, e);
    }
  }
}
