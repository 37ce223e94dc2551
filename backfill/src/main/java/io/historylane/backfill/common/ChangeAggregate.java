package io.historylane.backfill.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
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
 * The last change per group of a change stream, in one pass: per group (a key for facts; a key and
 * commit time for dimensions), the change with the greatest {@code (lsn, rank, commit time,
 * position)} among usable changes. That order is cdc-and-scd2.md's: LSN first, a snapshot read
 * below a change at the same LSN, the connector's clock never used; exact duplicates tie and carry
 * the same row, so they collapse. Rejected records and truncates are gathered in the same
 * aggregation, so checking them costs no second read. The result is persisted until released.
 */
public final class ChangeAggregate {
  public static final String STATE = "s";
  private static final String REJECTS = "rejects";
  private static final String SPECIALS = "specials";

  private final Dataset<Row> aggregated;
  private final ChangeStream stream;

  private ChangeAggregate(Dataset<Row> aggregated, ChangeStream stream) {
    this.aggregated = aggregated;
    this.stream = stream;
  }

  /**
   * @param groupBy the grouping columns (the keys, perhaps with the commit time)
   * @param usable which rows may be a group's state (besides not being rejected and carrying a key op)
   */
  public static ChangeAggregate compute(ChangeStream stream, List<Column> groupBy, Column usable) {
    Column state = col(ChangeColumns.REJECT).isNull().and(col(ChangeColumns.OP).isin("c", "u", "d", "r")).and(usable);
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
    Dataset<Row> aggregated = stream.rows().groupBy(groupBy.toArray(Column[]::new)).agg(
        max_by(when(state, struct(value.toArray(Column[]::new))), when(state, order)).as(STATE),
        collect_list(when(col(ChangeColumns.REJECT).isNotNull(), reject)).as(REJECTS),
        collect_list(when(col(ChangeColumns.REJECT).isNull().and(col(ChangeColumns.OP).isin("t", "m")), special)).as(SPECIALS));
    aggregated.persist(StorageLevel.MEMORY_AND_DISK());
    return new ChangeAggregate(aggregated, stream);
  }

  public ChangeStream stream() {
    return stream;
  }

  /** Groups with a usable state: the grouping columns and {@code s} (op and the row's columns). */
  public Dataset<Row> states() {
    return aggregated.filter(col(STATE).isNotNull()).drop(REJECTS, SPECIALS);
  }

  /** Rejected records with their key columns: reason, file, lsn, op, commit_ms, keys. */
  public Dataset<Row> rejects() {
    List<Column> cols = new ArrayList<>();
    cols.add(col("r.*"));
    stream.keys().forEach(k -> cols.add(col("`" + k + "`")));
    return aggregated.select(explode(col(REJECTS)).as("r"), col("*")).select(cols.toArray(Column[]::new));
  }

  /** Truncates and messages: counted and reported, they change no key. */
  public Dataset<Row> specials() {
    return aggregated.select(explode(col(SPECIALS)).as("x")).select(col("x.*"));
  }

  public void release() {
    aggregated.unpersist();
  }
}
