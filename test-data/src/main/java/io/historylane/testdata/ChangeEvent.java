package io.historylane.testdata;

import java.util.Comparator;
import java.util.Map;

/**
 * One change as Debezium reports it, and how it was delivered to the archive.
 *
 * @param op c, u, d, r (snapshot read), t (truncate) or m (message)
 * @param key the row's primary key (0 for t and m)
 * @param row the row after the change; null for d, t and m
 * @param lsn the WAL position ({@code source.lsn})
 * @param commitMillis the commit time ({@code source.ts_ms})
 * @param snapshot Debezium's {@code source.snapshot}: true, last or false
 * @param schemaVersion 1, or 2 after the table's additive schema change
 * @param arrivalMillis when the record reached Kafka (decides the archive folder)
 * @param redelivery true for an at-least-once duplicate of an earlier delivery
 */
public record ChangeEvent(
    String table,
    char op,
    long key,
    Map<String, Object> row,
    long lsn,
    long txId,
    long commitMillis,
    String snapshot,
    int schemaVersion,
    long arrivalMillis,
    boolean redelivery) {

  /** The order records reach the archive in: by arrival, then LSN. */
  public static final Comparator<ChangeEvent> ARRIVAL_ORDER =
      Comparator.comparingLong(ChangeEvent::arrivalMillis).thenComparingLong(ChangeEvent::lsn);

  public boolean carriesRow() {
    return op == 'c' || op == 'u' || op == 'r';
  }

  public ChangeEvent redelivered(long arrival) {
    return new ChangeEvent(table, op, key, row, lsn, txId, commitMillis, snapshot, schemaVersion, arrival, true);
  }

  public ChangeEvent withLsn(long newLsn) {
    return new ChangeEvent(table, op, key, row, newLsn, txId, commitMillis, snapshot, schemaVersion, arrivalMillis, redelivery);
  }
}
