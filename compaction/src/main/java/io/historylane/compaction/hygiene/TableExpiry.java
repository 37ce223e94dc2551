package io.historylane.compaction.hygiene;

import java.time.Instant;
import java.util.List;

/**
 * What snapshot expiry did to one table (or, in a dry run, would do).
 *
 * @param olderThan snapshots committed before this may expire
 * @param expired the snapshot ids expired, oldest first
 * @param snapshotsLeft snapshots the table keeps
 * @param refs the tags and branches, whose snapshots are never expired
 * @param pinningTags tags older than the policy's tag-max-age
 * @param filesDeleted files no remaining snapshot needed, deleted with the expired snapshots
 * @param skipped why the table was left alone (null when it was not)
 */
public record TableExpiry(String table, String identifier, String format, Instant olderThan, int retainLast,
    List<Long> expired, int snapshotsLeft, List<String> refs, List<PinningTag> pinningTags, long filesDeleted,
    String skipped) {
  public TableExpiry {
    expired = List.copyOf(expired);
    refs = List.copyOf(refs);
    pinningTags = List.copyOf(pinningTags);
  }
}
