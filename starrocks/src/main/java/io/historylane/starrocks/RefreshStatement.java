package io.historylane.starrocks;

import io.historylane.core.config.StarRocksConfig.Mode;
import java.util.List;

/**
 * One statement of a refresh plan.
 *
 * @param target the external table or materialized view refreshed
 * @param partitions the MV partitions covered; null refreshes the whole MV (and always for a table)
 * @param reads for an MV: the external tables refreshed before it; if one of them failed, refreshing
 *     the MV would only re-read stale metadata, so it is skipped
 * @param sql the statement as sent
 */
public record RefreshStatement(Kind kind, SqlName target, PartitionRange partitions, List<SqlName> reads, String sql) {
  public enum Kind { EXTERNAL_TABLE, MATERIALIZED_VIEW }

  public RefreshStatement {
    reads = List.copyOf(reads);
  }

  /** {@code REFRESH EXTERNAL TABLE catalog.db.table}: StarRocks drops its cached metadata of the table. */
  public static RefreshStatement externalTable(SqlName table) {
    return new RefreshStatement(Kind.EXTERNAL_TABLE, table, null, List.of(), "REFRESH EXTERNAL TABLE " + table.sql());
  }

  /** {@code REFRESH MATERIALIZED VIEW db.mv [PARTITION START .. END] [WITH SYNC MODE]}. */
  public static RefreshStatement materializedView(SqlName mv, PartitionRange partitions, List<SqlName> reads, Mode mode) {
    String sql = "REFRESH MATERIALIZED VIEW " + mv.sql()
        + (partitions == null ? "" : " " + partitions.sql())
        // ASYNC is StarRocks' default; leaving it unsaid keeps older FEs parsing the statement
        + (mode == Mode.SYNC ? " WITH SYNC MODE" : "");
    return new RefreshStatement(Kind.MATERIALIZED_VIEW, mv, partitions, reads, sql);
  }

  /** The statement that re-activates an inactive MV (--activate). */
  public String activateSql() {
    return "ALTER MATERIALIZED VIEW " + target.sql() + " ACTIVE";
  }
}
