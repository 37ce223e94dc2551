package io.historylane.core.report;

import java.time.LocalDate;
import java.util.List;

/**
 * One table's entry in a change set.
 *
 * @param table the registry name ({@code sales})
 * @param identifier the table in its catalog ({@code history.sales})
 * @param format iceberg or paimon
 * @param kind data or layout
 * @param days the day partitions that changed, in order; empty when the change is not by day (a
 *     dimension), which downstream treats as "the whole table"
 * @param snapshotId the table's snapshot after the change
 */
public record TableChange(
    String table, String identifier, String format, ChangeKind kind, List<LocalDate> days, Long snapshotId) {
  public TableChange {
    days = days == null ? List.of() : List.copyOf(days);
  }

  public boolean wholeTable() {
    return days.isEmpty();
  }
}
