package io.historylane.snapshots;

import java.time.Instant;

/**
 * One row of the cut manifest: one table of one cut.
 *
 * @param name the cut's name, which is also the tag's name in the table
 * @param asOf the instant the cut holds
 * @param table the registry name
 * @param snapshotId the snapshot the tag was set on
 * @param snapshotAt when that snapshot was committed (at or before {@code asOf})
 * @param retentionEnd when the cut may be expired (its tags removed)
 */
public record CutEntry(
    String name,
    Instant asOf,
    String table,
    TableFormat format,
    String identifier,
    long snapshotId,
    Instant snapshotAt,
    String runId,
    String creator,
    Instant retentionEnd,
    Instant createdAt) {

  public TableRef tableRef() {
    return new TableRef(table, format, identifier);
  }
}
