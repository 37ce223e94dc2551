package io.historylane.snapshots;

import java.time.LocalDate;
import java.util.List;

/**
 * What rolling a table's main back did (or, in a dry run, would do).
 *
 * @param mainBefore main's snapshot before
 * @param mainAfter main's snapshot after: the target
 * @param undone the commits main no longer holds, newest first
 * @param days the day partitions those commits touched; empty when they cannot be told by day
 */
public record RollbackResult(String table, String identifier, String target, boolean dryRun, long mainBefore,
    long mainAfter, List<Long> undone, List<LocalDate> days) {
  public RollbackResult {
    undone = List.copyOf(undone);
    days = List.copyOf(days);
  }
}
