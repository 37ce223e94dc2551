package io.historylane.backfill.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.historylane.backfill.source.ChangeColumns;
import io.historylane.backfill.source.ChangeStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * The last change per group of a change stream, in one pass: per group (a key for facts; a key and
 * commit time for dimensions), the usable change with the greatest {@code (lsn, rank, commit time,
 * position)}. That order is cdc-and-scd2.md's: LSN first, a snapshot read below a change at the
 * same LSN, the connector's clock never used; exact duplicates tie and carry the same row, so they
 * collapse. Rejected records and truncates are kept in the same pass, so checking them costs no
 * second read. The result is persisted until released.
 *
 * <p>How, and why so: one shuffle and one sort, where each group's changes are ordered by a window
 * and the first is the group's state (an aggregate sorts twice, before and after its shuffle, for
 * keys that are nearly all distinct). The archive file's path is kept only where a report needs it
 * (rejects, truncates) instead of travelling through the shuffle with every change. The cache holds
 * each row packed in one struct column: Spark's columnar cache gathers compression statistics for
 * every value of every plain column, which cost more than the aggregation itself.
 */
public final class ChangeAggregate {
  private static final String LATEST = "_latest";
  private static final String ROW = "_row";

  private final Dataset<Row> kept;
  private final ChangeStream stream;

  private ChangeAggregate(Dataset<Row> kept, ChangeStream stream) {
    this.kept = kept;
    this.stream = stream;
  }

  /**
   * @param groupBy the grouping columns (the keys, perhaps with the commit time)
   * @param usable which rows may be a group's state (besides not being rejected and carrying a key op)
   */
  public static ChangeAggregate compute(ChangeStream stream, List<Column> groupBy, Column usable) {
    Column state = isState().and(usable);
    Column reported = col(ChangeColumns.REJECT).isNotNull().or(isSpecial());
    Column latest = row_number().over(Window.partitionBy(groupBy.toArray(Column[]::new)).orderBy(state.desc(),
        col(ChangeColumns.LSN).desc(), col(ChangeColumns.RANK).desc(), col(ChangeColumns.COMMIT_MS).desc(),
        col(ChangeColumns.POS).desc())).equalTo(1);
    Dataset<Row> rows = stream.rows().withColumn(ChangeColumns.FILE, when(reported, col(ChangeColumns.FILE)));
    Column packed = struct(Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new));
    Dataset<Row> kept = rows.withColumn(LATEST, latest)
        .filter(col(LATEST).and(state).or(reported))
        .select(col(ChangeColumns.OP), col(ChangeColumns.REJECT), packed.as(ROW));
    kept.persist(StorageLevel.MEMORY_AND_DISK());
    return new ChangeAggregate(kept, stream);
  }

  /** A change that carries a key's state: not rejected, and a create, update, delete or read. */
  private static Column isState() {
    return col(ChangeColumns.REJECT).isNull().and(col(ChangeColumns.OP).isin("c", "u", "d", "r"));
  }

  /** A truncate or message: counted and reported, it changes no key. */
  private static Column isSpecial() {
    return col(ChangeColumns.REJECT).isNull().and(col(ChangeColumns.OP).isin("t", "m"));
  }

  public ChangeStream stream() {
    return stream;
  }

  /**
   * Groups with a usable state, one row each with the stream's columns: the row's own and the
   * {@link ChangeColumns} of the change that gave the state (its op in {@link ChangeColumns#OP}).
   */
  public Dataset<Row> states() {
    return kept.filter(isState()).select(ROW + ".*");
  }

  /** Rejected records with their key columns: reason, file, lsn, op, commit_ms, keys. */
  public Dataset<Row> rejects() {
    List<Column> cols = new ArrayList<>(List.of(col(ChangeColumns.REJECT).as("reason"), col(ChangeColumns.FILE).as("file"),
        col(ChangeColumns.LSN).as("lsn"), col(ChangeColumns.OP).as("op"), col(ChangeColumns.COMMIT_MS).as("commit_ms")));
    stream.keys().forEach(k -> cols.add(col("`" + k + "`")));
    return kept.filter(col(ChangeColumns.REJECT).isNotNull()).select(ROW + ".*").select(cols.toArray(Column[]::new));
  }

  /** Truncates and messages: counted and reported, they change no key. */
  public Dataset<Row> specials() {
    return kept.filter(isSpecial()).select(ROW + ".*").select(col(ChangeColumns.OP).as("op"),
        col(ChangeColumns.LSN).as("lsn"), col(ChangeColumns.COMMIT_MS).as("commit_ms"), col(ChangeColumns.FILE).as("file"));
  }

  public void release() {
    kept.unpersist();
  }
}
