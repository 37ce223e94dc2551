package io.historylane.core.report;

import java.util.List;
import java.util.Map;

/**
 * What a run did to one table.
 *
 * @param snapshotBefore the table's current snapshot when the run started (null: no table yet)
 * @param snapshotAfter the table's current snapshot when the run ended
 * @param partitions the partitions touched, as {@code 2025-01-05} or {@code day=..., bucket=...}
 * @param counters rows, files and bytes: {@code rows_written, files_added, bytes_added,
 *     source_files, source_bytes, ...}
 * @param details anything structured the step reports (a per-day plan, per-partition health)
 */
public record TableReport(
    String table,
    String identifier,
    String format,
    Long snapshotBefore,
    Long snapshotAfter,
    List<String> partitions,
    Map<String, Long> counters,
    Map<String, Object> details) {
  public TableReport {
    partitions = partitions == null ? List.of() : List.copyOf(partitions);
    counters = counters == null ? Map.of() : Map.copyOf(counters);
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
