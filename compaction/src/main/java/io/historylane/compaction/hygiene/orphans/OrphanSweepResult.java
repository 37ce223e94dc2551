package io.historylane.compaction.hygiene.orphans;

import java.util.List;

/**
 * What an orphan sweep found and, unless a dry run, moved.
 *
 * @param quarantine the run's quarantine folder (null when nothing was moved)
 */
public record OrphanSweepResult(String runId, boolean dryRun, String quarantine, List<TableOrphans> tables) {
  public OrphanSweepResult {
    tables = List.copyOf(tables);
  }

  public int files() {
    return tables.stream().mapToInt(t -> t.orphans().size()).sum();
  }
}
