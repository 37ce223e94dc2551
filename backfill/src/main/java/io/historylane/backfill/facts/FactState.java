package io.historylane.backfill.facts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.historylane.backfill.source.ChangeColumns;
import io.historylane.backfill.source.ChangeStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * The state of every key as of a cut-off, in one pass over the change stream: per key, the change
 * with the greatest {@code (lsn, rank, commit time, position)} among usable changes committed by
 * then. That order is cdc-and-scd2.md's (LSN first, a snapshot read below a change at the same
 * LSN, the connector's clock never used); exact duplicates collapse because they tie and carry
 * the same row. Rejected records and truncates are gathered in the same aggregation, so checking
 * them costs no second read.
 */
final class FactState {
  static final String STATE = "s";
  static final String REJECTS = "rejects";
  static final String SPECIALS = "specials";

  private final Dataset<Row> aggregated;
  private final ChangeStream stream;

  private FactState(Dataset<Row> aggregated, ChangeStream stream) {
    this.aggregated = aggregated;
    this.stream = stream;
  }

  static FactState compute(ChangeStream stream, long asOfMillis) {
    Dataset<Row> rows = stream.rows();
    Column usable = col(ChangeColumns.REJECT).isNull()
        .and(col(ChangeColumns.OP).isin("c", "u", "d", "r"))
        .and(col(ChangeColumns.COMMIT_MS).leq(lit(asOfMillis)));
    List<Column> value = new ArrayList<>();
    value.add(col(ChangeColumns.OP).as("op"));
    for (StructField f : stream.dataSchema().fields()) {
      value.add(col("`" + f.name() + "`"));
    }
    Column order = struct(col(ChangeColumns.LSN), col(ChangeColumns.RANK), col(ChangeColumns.COMMIT_MS), col(ChangeColumns.POS));
    Column reject = struct(col(ChangeColumns.REJECT).as("reason"), col(ChangeColumns.FILE).as("file"),
        col(ChangeColumns.LSN).as("lsn"), col(ChangeColumns.OP).as("op"), col(ChangeColumns.COMMIT_MS).as("commit_ms"));
    Column special = struct(col(ChangeColumns.OP).as("op"), col(ChangeColumns.LSN).as("lsn"),
        col(ChangeColumns.COMMIT_MS).as("commit_ms"), col(ChangeColumns.FILE).as("file"));
    Column[] keys = stream.keys().stream().map(k -> col("`" + k + "`")).toArray(Column[]::new);
    Dataset<Row> aggregated = rows.groupBy(keys).agg(
        max_by(when(usable, struct(value.toArray(Column[]::new))), when(usable, order)).as(STATE),
        collect_list(when(col(ChangeColumns.REJECT).isNotNull(), reject)).as(REJECTS),
        collect_list(when(col(ChangeColumns.REJECT).isNull().and(col(ChangeColumns.OP).isin("t", "m")), special)).as(SPECIALS));
    aggregated.persist(StorageLevel.MEMORY_AND_DISK());
    return new FactState(aggregated, stream);
  }

  ChangeStream stream() {
    return stream;
  }

  /** The live rows: one per key whose last change is not a delete, with the data columns only. */
  Dataset<Row> facts() {
    return aggregated.filter(col(STATE).isNotNull().and(col(STATE + ".op").notEqual("d")))
        .select(col(STATE + ".*")).drop("op");
  }

  /** Rejected records with their key columns: reason, file, lsn, op, commit_ms, keys. */
  Dataset<Row> rejects() {
    List<Column> cols = new ArrayList<>();
    cols.add(col("r.*"));
    stream.keys().forEach(k -> cols.add(col("`" + k + "`")));
    return aggregated.select(explode(col(REJECTS)).as("r"), col("*")).select(cols.toArray(Column[]::new));
  }

  /** Truncates and messages: counted and reported, they change no key. */
  Dataset<Row> specials() {
    return aggregated.select(explode(col(SPECIALS)).as("x")).select(col("x.*"));
  }

  void release() {
    aggregated.unpersist();
  }
}
