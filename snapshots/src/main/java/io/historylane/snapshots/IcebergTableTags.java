package io.historylane.snapshots;

import io.historylane.core.error.BadInputException;
import io.historylane.core.session.LakehouseSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.ManageSnapshots;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Iceberg table's side of a cut. As-of resolution walks main's snapshot log, exactly as Spark's
 * {@code TIMESTAMP AS OF} does. Tags get a max ref age so that Iceberg's own snapshot expiry drops
 * them when the cut's retention ends, and not before.
 */
final class IcebergTableTags implements TableTags {
  private static final int COMMIT_ATTEMPTS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(IcebergTableTags.class);

  private final TableRef ref;
  private final Table table;
  /** Files already found to exist, so verifying many cuts of one table checks each file once. */
  private final Set<String> existing = new HashSet<>();

  IcebergTableTags(LakehouseSession session, TableRef ref) {
    this.ref = ref;
    this.table = session.icebergTable(ref.identifier());
  }

  @Override
  public TableRef ref() {
    return ref;
  }

  @Override
  public Optional<SnapshotAt> snapshotAsOf(Instant asOf) {
    Long id = SnapshotUtil.nullableSnapshotIdAsOfTime(table, asOf.toEpochMilli());
    Snapshot snapshot = id == null ? null : table.snapshot(id);
    return Optional.ofNullable(snapshot).map(s -> new SnapshotAt(s.snapshotId(), Instant.ofEpochMilli(s.timestampMillis())));
  }

  @Override
  public Optional<Long> tagged(String tag) {
    SnapshotRef existing = table.refs().get(tag);
    if (existing != null && existing.isBranch()) {
      throw new BadInputException(ref.describe() + " has a branch named " + tag
          + ": a cut cannot take a branch's name; choose another --name");
    }
    return Optional.ofNullable(existing).map(SnapshotRef::snapshotId);
  }

  @Override
  public void write(List<TagWrite> writes) {
    commitRefs(current -> {
      ManageSnapshots update = table.manageSnapshots();
      int changes = 0;
      for (TagWrite w : writes) {
        SnapshotRef now = current.get(w.tag());
        if (now != null && now.snapshotId() == w.snapshot().id()) {
          // in place (kept, or an earlier attempt landed after all): only its age may need to match the cut's
          if (!Long.valueOf(maxRefAgeMs(w)).equals(now.maxRefAgeMs())) {
            update.setMaxRefAgeMs(w.tag(), maxRefAgeMs(w));
            changes++;
          }
          continue;
        }
        if (w.replace() && now != null) {
          update.replaceTag(w.tag(), w.snapshot().id());
        } else {
          update.createTag(w.tag(), w.snapshot().id());
        }
        update.setMaxRefAgeMs(w.tag(), maxRefAgeMs(w));
        changes++;
      }
      return changes == 0 ? null : update;
    });
  }

  /**
   * Commits a ref update built from the table's current refs, rebuilt and retried when a
   * concurrent writer commits first: Iceberg's ref update keeps the metadata it started from, so
   * its own retries fail with "Table metadata refresh is required" on a table being written.
   */
  private void commitRefs(Function<Map<String, SnapshotRef>, ManageSnapshots> build) {
    for (int attempt = 1; ; attempt++) {
      table.refresh();
      ManageSnapshots update = build.apply(table.refs());
      if (update == null) {
        return;
      }
      try {
        update.commit();
        return;
      } catch (CommitFailedException e) {
        if (attempt == COMMIT_ATTEMPTS) {
          throw e;
        }
        LOG.info("{}: a concurrent commit landed first; retrying the tag update ({} of {})", ref.describe(), attempt,
            COMMIT_ATTEMPTS);
      }
    }
  }

  /**
   * Iceberg measures a ref's age from its snapshot's commit time, not from when the tag was made
   * (RemoveSnapshots: {@code now - snapshot.timestampMillis() > maxRefAgeMs} drops the ref), so the
   * age that ends at the cut's retention end is counted from the snapshot.
   */
  private static long maxRefAgeMs(TagWrite w) {
    return Math.max(1, w.retentionEnd().toEpochMilli() - w.snapshot().committedAt().toEpochMilli());
  }

  @Override
  public Set<String> remove(Collection<String> tags) {
    Set<String> removed = new LinkedHashSet<>();
    commitRefs(current -> {
      removed.clear();
      ManageSnapshots update = table.manageSnapshots();
      for (String tag : tags) {
        SnapshotRef existing = current.get(tag);
        if (existing != null && existing.isTag()) {
          update.removeTag(tag);
          removed.add(tag);
        }
      }
      return removed.isEmpty() ? null : update;
    });
    return removed;
  }

  @Override
  public List<String> problems(String tag, long snapshotId) {
    SnapshotRef existing = table.refs().get(tag);
    if (existing == null || !existing.isTag()) {
      return List.of("tag " + tag + " is missing from " + ref.describe());
    }
    if (existing.snapshotId() != snapshotId) {
      return List.of("tag " + tag + " of " + ref.describe() + " points at snapshot " + existing.snapshotId()
          + ", the cut was made at snapshot " + snapshotId);
    }
    Snapshot snapshot = table.snapshot(snapshotId);
    if (snapshot == null) {
      return List.of("snapshot " + snapshotId + " of tag " + tag + " no longer exists in " + ref.describe());
    }
    List<String> problems = new ArrayList<>();
    try {
      check(snapshot.manifestListLocation(), tag, problems);
      for (ManifestFile manifest : snapshot.allManifests(table.io())) {
        check(manifest.path(), tag, problems);
      }
      try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshotId).planFiles()) {
        for (FileScanTask task : tasks) {
          check(task.file(), tag, problems);
          task.deletes().forEach(d -> check(d, tag, problems));
        }
      }
    } catch (Exception e) {
      problems.add("cannot read the metadata of snapshot " + snapshotId + " (tag " + tag + ") of " + ref.describe()
          + ": " + e.getMessage());
    }
    return problems;
  }

  private void check(ContentFile<?> file, String tag, List<String> problems) {
    check(file.location(), tag, problems);
  }

  private void check(String location, String tag, List<String> problems) {
    if (existing.contains(location)) {
      return;
    }
    if (table.io().newInputFile(location).exists()) {
      existing.add(location);
    } else {
      problems.add("file " + location + " of tag " + tag + " in " + ref.describe() + " is missing");
    }
  }
}
