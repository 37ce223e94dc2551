package io.historylane.snapshots;

import io.historylane.core.session.LakehouseSession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.paimon.Snapshot;
import org.apache.paimon.fs.Path;
import org.apache.paimon.io.DataFileMeta;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.source.DataSplit;
import org.apache.paimon.table.source.DeletionFile;

/**
 * A Paimon table's side of a cut. As-of resolution is the last snapshot whose commit time is at or
 * before the instant ({@code earlierOrEqualTimeMills}); Paimon's own {@code create_tag_from_timestamp}
 * picks the first snapshot at or after it and is never used (lake-maintenance.md). A Paimon tag
 * keeps a copy of its snapshot, so it stays readable after snapshot expiry.
 */
final class PaimonTableTags implements TableTags {
  private final TableRef ref;
  private final FileStoreTable table;
  private final Set<String> existing = new HashSet<>();

  PaimonTableTags(LakehouseSession session, TableRef ref) {
    this.ref = ref;
    this.table = (FileStoreTable) session.paimonTable(ref.identifier());
  }

  @Override
  public TableRef ref() {
    return ref;
  }

  /**
   * Paimon 0.9's {@code earlierOrEqualTimeMills} returns the earliest snapshot when even that one
   * is later than the instant (rather than none), so its answer is checked: a snapshot committed
   * after the instant never stands for the table as of it.
   */
  @Override
  public Optional<SnapshotAt> snapshotAsOf(Instant asOf) {
    Snapshot snapshot = table.snapshotManager().earlierOrEqualTimeMills(asOf.toEpochMilli());
    return Optional.ofNullable(snapshot).filter(s -> s.timeMillis() <= asOf.toEpochMilli())
        .map(s -> new SnapshotAt(s.id(), Instant.ofEpochMilli(s.timeMillis())));
  }

  @Override
  public Optional<Long> tagged(String tag) {
    if (!table.tagManager().tagExists(tag)) {
      return Optional.empty();
    }
    return Optional.of(table.tagManager().taggedSnapshot(tag).id());
  }

  /**
   * Paimon has no atomic move: a replaced tag is deleted, then made again. A tag already on the
   * snapshot is left alone, keeping the retention it was made with: re-making it would delete the
   * files of a snapshot that has since expired.
   */
  @Override
  public void write(List<TagWrite> writes) {
    for (TagWrite w : writes) {
      Optional<Long> tagged = tagged(w.tag());
      if (tagged.isPresent() && tagged.get() == w.snapshot().id()) {
        continue;
      }
      if (w.replace() && tagged.isPresent()) {
        table.deleteTag(w.tag());
      }
      // Paimon counts a tag's retention from its creation, which is now
      Duration retained = Duration.between(Instant.now(), w.retentionEnd());
      table.createTag(w.tag(), w.snapshot().id(), retained.isNegative() ? Duration.ofMillis(1) : retained);
    }
  }

  @Override
  public Set<String> remove(Collection<String> tags) {
    Set<String> removed = new LinkedHashSet<>();
    for (String tag : tags) {
      if (table.tagManager().tagExists(tag)) {
        table.deleteTag(tag);
        removed.add(tag);
      }
    }
    return removed;
  }

  @Override
  public List<String> problems(String tag, long snapshotId) {
    if (!table.tagManager().tagExists(tag)) {
      return List.of("tag " + tag + " is missing from " + ref.describe());
    }
    Snapshot snapshot = table.tagManager().taggedSnapshot(tag);
    if (snapshot.id() != snapshotId) {
      return List.of("tag " + tag + " of " + ref.describe() + " points at snapshot " + snapshot.id()
          + ", the cut was made at snapshot " + snapshotId);
    }
    List<String> problems = new ArrayList<>();
    try {
      for (DataSplit split : table.newSnapshotReader().withSnapshot(snapshot).read().dataSplits()) {
        for (DataFileMeta file : split.dataFiles()) {
          check(new Path(split.bucketPath(), file.fileName()), tag, problems);
          for (String extra : file.extraFiles()) {
            check(new Path(split.bucketPath(), extra), tag, problems);
          }
        }
        for (DeletionFile deletion : split.deletionFiles().orElse(List.of())) {
          if (deletion != null) {
            check(new Path(deletion.path()), tag, problems);
          }
        }
      }
    } catch (RuntimeException e) {
      problems.add("cannot read the manifests of snapshot " + snapshotId + " (tag " + tag + ") of " + ref.describe()
          + ": " + e.getMessage());
    }
    return problems;
  }

  private void check(Path path, String tag, List<String> problems) {
    String key = path.toString();
    if (existing.contains(key)) {
      return;
    }
    try {
      if (table.fileIO().exists(path)) {
        existing.add(key);
        return;
      }
    } catch (IOException e) {
      problems.add("cannot check file " + key + " of tag " + tag + " in " + ref.describe() + ": " + e.getMessage());
      return;
    }
    problems.add("file " + key + " of tag " + tag + " in " + ref.describe() + " is missing");
  }
}
