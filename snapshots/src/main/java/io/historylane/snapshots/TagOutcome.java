package io.historylane.snapshots;

import java.time.Instant;

/**
 * What a cut did (or, in a dry run, would do) to one table's tag.
 *
 * @param snapshotId the snapshot the tag is on; null when the table had none to tag
 * @param snapshotAt when that snapshot was committed
 */
public record TagOutcome(TableRef table, Long snapshotId, Instant snapshotAt, Action action) {

  public enum Action {
    /** A new tag. */
    CREATED,
    /** The tag existed on another snapshot and was moved ({@code --replace}). */
    MOVED,
    /** The tag already pointed at this snapshot: nothing to do. */
    UNCHANGED,
    /** The table had no snapshot at or before the cut's instant ({@code --allow-missing}). */
    NO_SNAPSHOT,
    /** The table was in the cut before, not in the one that replaced it: its tag was removed. */
    REMOVED
  }

  public boolean changes() {
    return action == Action.CREATED || action == Action.MOVED || action == Action.REMOVED;
  }
}
