package io.historylane.testdata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The generated history of the sample domain: the truth (every change once, in commit order) and
 * the deliveries (with at-least-once duplicates and late arrivals), per table.
 *
 * @param snapshotMillis when Debezium's initial snapshot read the tables ({@code r} events)
 * @param snapshotLsn the snapshot's WAL position, shared by every {@code r} event
 * @param schemaChangeMillis when sales gained the {@code tip} column
 * @param end the end of the history (exclusive)
 */
public record DomainHistory(
    Map<String, List<ChangeEvent>> truth,
    Map<String, List<ChangeEvent>> deliveries,
    long snapshotMillis,
    long snapshotLsn,
    long schemaChangeMillis,
    Instant end) {

  /** Every change of {@code table} exactly once, ordered by LSN (snapshot reads first). */
  public List<ChangeEvent> events(String table) {
    return truth.getOrDefault(table, List.of());
  }

  /** What reached the archive for {@code table}: duplicates included, in arrival order. */
  public List<ChangeEvent> delivered(String table) {
    return deliveries.getOrDefault(table, List.of());
  }

  public int totalDelivered() {
    return deliveries.values().stream().mapToInt(List::size).sum();
  }

  /** Deliveries of every table, in arrival order. */
  public List<ChangeEvent> allDelivered() {
    List<ChangeEvent> all = new ArrayList<>();
    deliveries.values().forEach(all::addAll);
    all.sort(Comparator.comparingLong(ChangeEvent::arrivalMillis).thenComparingLong(ChangeEvent::lsn));
    return all;
  }
}
