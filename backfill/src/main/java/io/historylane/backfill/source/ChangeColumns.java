package io.historylane.backfill.source;

/**
 * The metadata columns of a normalized change stream, beside the row's own columns. Every source
 * (the Debezium archive, Paimon) produces exactly these, so facts and dimensions are built the
 * same way whatever the history came from.
 */
public final class ChangeColumns {
  /** c create, u update, d delete, r snapshot read, t truncate, m message. */
  public static final String OP = "_op";
  /** The commit position: Postgres WAL LSN (Debezium) or the snapshot id (Paimon). */
  public static final String LSN = "_lsn";
  /** 0 for a snapshot read, 1 for a streamed change: a read ranks below a change at the same LSN. */
  public static final String RANK = "_rank";
  /** The source commit time in epoch milliseconds ({@code source.ts_ms}): never the connector's time. */
  public static final String COMMIT_MS = "_commit_ms";
  /** Position of the record in its delivery, the last tie-breaker. */
  public static final String POS = "_pos";
  /** The file (or Paimon snapshot) the record came from, for error messages and quarantine. */
  public static final String FILE = "_file";
  /** Why the record cannot be used (null key, unknown op...), or null. */
  public static final String REJECT = "_reject";

  private ChangeColumns() {}

  public static boolean isMetadata(String column) {
    return column.startsWith("_") && (column.equals(OP) || column.equals(LSN) || column.equals(RANK)
        || column.equals(COMMIT_MS) || column.equals(POS) || column.equals(FILE) || column.equals(REJECT));
  }
}
