package io.historylane.snapshots;

import static org.apache.iceberg.types.Types.NestedField.required;

import io.historylane.core.lake.OperationsTable;
import io.historylane.core.session.LakehouseSession;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * The record of every cut: the operations table {@code <operations-namespace>.snapshot_cuts} with
 * one row per cut and table (see {@link OperationsTable}).
 */
public final class CutManifest {
  public static final String TABLE_NAME = "snapshot_cuts";

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

  private final OperationsTable<CutEntry> table;

  CutManifest(LakehouseSession session) {
    this.table = new OperationsTable<>(session, TABLE_NAME, SCHEMA, CutManifest::entry, CutManifest::record);
  }

  /** {@code historylane_ops.snapshot_cuts}. */
  public String identifier() {
    return table.identifier();
  }

  /** Every row, in the order written; empty when no cut was ever made. */
  public List<CutEntry> entries() {
    return table.rows();
  }

  public List<Cut> cuts() {
    return Cut.group(entries());
  }

  /**
   * Applies {@code change} to the rows and commits the result, unless it changes nothing.
   *
   * @return whether anything was committed
   */
  boolean update(UnaryOperator<List<CutEntry>> change) {
    return table.update(change);
  }

  private static CutEntry entry(Record r) {
    return new CutEntry((String) r.getField("name"), instant(r, "as_of"), (String) r.getField("table_name"),
        TableFormat.parse((String) r.getField("format")), (String) r.getField("identifier"),
        (Long) r.getField("snapshot_id"), instant(r, "snapshot_at"), (String) r.getField("run_id"),
        (String) r.getField("creator"), instant(r, "retention_end"), instant(r, "created_at"));
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
