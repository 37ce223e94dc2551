package io.historylane.snapshots;

import io.historylane.core.session.LakehouseSession;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One table's snapshots and tags, whatever its format: the metadata operations a cut is made of.
 * None of them reads a data file (only {@link #problems} checks that files exist).
 */
sealed interface TableTags permits IcebergTableTags, PaimonTableTags {

  static TableTags open(LakehouseSession session, TableRef ref) {
    return switch (ref.format()) {
      case ICEBERG -> new IcebergTableTags(session, ref);
      case PAIMON -> new PaimonTableTags(session, ref);
    };
  }

  TableRef ref();

  /** The last snapshot committed at or before {@code asOf}, if the table has one (and it is not expired). */
  Optional<SnapshotAt> snapshotAsOf(Instant asOf);

  /** The snapshot the tag {@code tag} points at, if the tag exists. */
  Optional<Long> tagged(String tag);

  /** Creates (or moves) the tags in one commit per table where the format allows. */
  void write(List<TagWrite> writes);

  /** Removes those of {@code tags} that exist; returns the ones removed. */
  Set<String> remove(Collection<String> tags);

  /**
   * What is wrong with {@code tag} as a cut recorded it at {@code snapshotId}: missing, moved,
   * its snapshot gone, or files its snapshot needs gone. Empty when the tag is sound.
   */
  List<String> problems(String tag, long snapshotId);
}
