package io.historylane.snapshots;

import java.time.LocalDate;
import java.util.List;

/**
 * What publishing a write-audit-publish branch did (or, in a dry run, would do).
 *
 * @param mainBefore main's snapshot before (null: the table had none)
 * @param mainAfter main's snapshot after: the branch's head
 * @param commits how many branch commits main gained
 * @param days the day partitions those commits touched; empty when they cannot be told by day
 */
public record PublishResult(String table, String identifier, String branch, boolean dryRun, Long mainBefore,
    long mainAfter, int commits, List<LocalDate> days) {
  public PublishResult {
    days = List.copyOf(days);
  }
}
