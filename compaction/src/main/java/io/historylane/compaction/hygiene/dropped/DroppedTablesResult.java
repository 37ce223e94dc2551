package io.historylane.compaction.hygiene.dropped;

import java.util.List;

/**
 * The prefixes a dropped-tables search found.
 *
 * @param quarantine the run's quarantine folder (null when nothing was moved)
 * @param notes what could not be searched (a catalog without a warehouse location, say)
 */
public record DroppedTablesResult(String runId, boolean dryRun, String quarantine, List<DroppedPrefix> prefixes,
    List<String> notes) {
  public DroppedTablesResult {
    prefixes = List.copyOf(prefixes);
    notes = List.copyOf(notes);
  }

  public long bytes() {
    return prefixes.stream().mapToLong(DroppedPrefix::bytes).sum();
  }
}
