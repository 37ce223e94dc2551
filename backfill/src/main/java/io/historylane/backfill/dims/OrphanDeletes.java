package io.historylane.backfill.dims;

import static org.apache.iceberg.types.Types.NestedField.required;

import io.historylane.core.lake.OperationsTable;
import io.historylane.core.session.LakehouseSession;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;

/**
 * Deletes that found no version to close when their range was built (the key's earlier ranges were
 * not built yet), kept in {@code <operations namespace>.scd2_orphan_deletes} so that building an
 * earlier range later still ends the key's last version there. Small: only such deletes land here.
 */
final class OrphanDeletes {
  static final String TABLE = "scd2_orphan_deletes";
  private static final Schema SCHEMA = new Schema(
      required(1, "dimension", Types.StringType.get()),
      required(2, "key", Types.StringType.get()),
      required(3, "commit_ms", Types.LongType.get()),
      required(4, "run_id", Types.StringType.get()),
      required(5, "recorded_at", Types.TimestampType.withZone()));

  /** One remembered delete. */
  record Delete(String dimension, String key, long commitMillis, String runId, Instant recordedAt) {}

  private final String dimension;
  private final OperationsTable<Delete> table;

  OrphanDeletes(LakehouseSession session, String dimension) {
    this.dimension = dimension;
    this.table = new OperationsTable<>(session, TABLE, SCHEMA,
        r -> new Delete((String) r.getField("dimension"), (String) r.getField("key"), (Long) r.getField("commit_ms"),
            (String) r.getField("run_id"), ((OffsetDateTime) r.getField("recorded_at")).toInstant()),
        d -> {
          GenericRecord r = GenericRecord.create(SCHEMA);
          r.setField("dimension", d.dimension());
          r.setField("key", d.key());
          r.setField("commit_ms", d.commitMillis());
          r.setField("run_id", d.runId());
          r.setField("recorded_at", d.recordedAt().atOffset(ZoneOffset.UTC));
          return r;
        });
  }

  /** The remembered deletes of this dimension at or after {@code from}, per key, ascending. */
  Map<String, List<Long>> since(long from) {
    Map<String, List<Long>> out = new HashMap<>();
    for (Delete d : table.rows()) {
      if (d.dimension().equals(dimension) && d.commitMillis() >= from) {
        out.computeIfAbsent(d.key(), k -> new ArrayList<>()).add(d.commitMillis());
      }
    }
    out.values().forEach(list -> list.sort(null));
    return out;
  }

  /** Remembers {@code deletes} (rows of key and commit time) not remembered yet. */
  void remember(List<Row> deletes, String runId) {
    Instant now = Instant.now();
    table.update(before -> {
      Set<String> known = new HashSet<>();
      before.stream().filter(d -> d.dimension().equals(dimension)).forEach(d -> known.add(d.key() + "@" + d.commitMillis()));
      List<Delete> after = new ArrayList<>(before);
      for (Row row : deletes) {
        if (known.add(row.getString(0) + "@" + row.getLong(1))) {
          after.add(new Delete(dimension, row.getString(0), row.getLong(1), runId, now));
        }
      }
      return after;
    });
  }
}
