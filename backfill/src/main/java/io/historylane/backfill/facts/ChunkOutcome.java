package io.historylane.backfill.facts;

import io.historylane.core.time.DateRange;
import java.time.LocalDate;
import java.util.List;

/**
 * What happened to one chunk of a fact backfill.
 *
 * @param snapshotId the commit that wrote it, or for a skipped chunk the commit that wrote it before
 */
public record ChunkOutcome(DateRange range, Status status, List<LocalDate> daysWritten, long rowsWritten,
    Long snapshotId, long durationMs) {
  public enum Status {
    /** Committed before with the same inputs (a rerun after a crash): not read again. */
    SKIPPED_SAME_INPUTS,
    /** Read, and the table already holds exactly this content: nothing committed. */
    UNCHANGED,
    /** Days rewritten and committed. */
    COMMITTED,
    /** Dry run: would rewrite these days. */
    PLANNED
  }

  public ChunkOutcome {
    daysWritten = List.copyOf(daysWritten);
  }
}
