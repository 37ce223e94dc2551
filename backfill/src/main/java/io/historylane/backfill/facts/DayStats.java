package io.historylane.backfill.facts;

import java.time.LocalDate;

/**
 * One day of a fact backfill's plan.
 *
 * @param sourceRows rows the history says the day holds
 * @param currentRows rows the table holds for the day now
 * @param changed whether the content differs (count or checksum), so the day is rewritten
 */
public record DayStats(LocalDate day, long sourceRows, long currentRows, boolean changed) {
  public long rowsToWrite() {
    return changed ? sourceRows : 0;
  }
}
