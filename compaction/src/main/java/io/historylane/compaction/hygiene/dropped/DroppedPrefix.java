package io.historylane.compaction.hygiene.dropped;

import java.time.Instant;

/**
 * A table-level prefix under a warehouse that no catalog table owns: storage a dropped table left.
 *
 * @param newest the newest file's modification time
 */
public record DroppedPrefix(String location, String format, int files, long bytes, Instant newest, Status status) {
  /** What became of the prefix. */
  public enum Status {
    /** Found and reported (a dry run, or no --quarantine). */
    REPORTED,
    /** Moved into quarantine. */
    QUARANTINED,
    /** A file in it is younger than the minimum age: maybe a table being created; left alone. */
    TOO_YOUNG
  }
}
