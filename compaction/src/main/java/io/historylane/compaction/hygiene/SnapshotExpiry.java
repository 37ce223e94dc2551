package io.historylane.compaction.hygiene;

import io.historylane.compaction.verify.SqlLiterals;
import io.historylane.compaction.BaseAction;
import io.historylane.core.config.CompactionPolicy;
import io.historylane.core.config.TableConfig;
import io.historylane.core.session.JobGroup;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.actions.ExpireSnapshots;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.utils.SnapshotManager;

/**
 * Expires old snapshots with each table's policy retention (snapshots-older-than, retain-last),
 * in the style of Iceberg's SparkActions: configure, {@link #execute()}, read the results.
 *
 * <p>Snapshots held by tags or branches are never expired (snapshot cuts must survive): Iceberg
 * keeps every ref's snapshot, Paimon keeps the files of tagged snapshots. Iceberg's expiry also
 * drops refs older than their max-ref-age as a side effect; a table where that would happen is
 * left alone and reported, since a ref is removed deliberately or not at all. Tags older than the
 * policy's tag-max-age are reported: they pin storage.
 */
public final class SnapshotExpiry extends BaseAction<SnapshotExpiry> {
  private List<String> tables = List.of();

  private SnapshotExpiry(LakehouseSession session) {
    super(session);
  }

  @Override
  protected SnapshotExpiry self() {
    return this;
  }

  public static SnapshotExpiry in(LakehouseSession session) {
    return new SnapshotExpiry(session);
  }

  public SnapshotExpiry tables(List<String> names) {
    this.tables = List.copyOf(names);
    return this;
  }

  public List<TableExpiry> execute() {
    List<TableExpiry> results = new ArrayList<>();
    for (String name : tables) {
      TableConfig config = session.config().table(name);
      CompactionPolicy policy = session.config().compactionPolicy(config);
      try (JobGroup g = JobGroup.start(session.spark(), runId, "expire " + name + ": snapshots older than "
          + Durations.format(policy.snapshotsOlderThan()) + ", keeping the last " + policy.retainLast())) {
        results.add(config.isIceberg() ? iceberg(name, config, policy) : paimon(name, config, policy));
      }
    }
    return results;
  }

  private TableExpiry iceberg(String name, TableConfig config, CompactionPolicy policy) {
    Table table = session.icebergTable(config.iceberg());
    Instant now = clock.instant();
    Instant olderThan = now.minus(policy.snapshotsOlderThan());
    List<String> refs = new ArrayList<>();
    List<String> doomed = new ArrayList<>();
    List<PinningTag> pinning = new ArrayList<>();
    long defaultMaxRefAge = PropertyUtil.propertyAsLong(table.properties(), TableProperties.MAX_REF_AGE_MS,
        TableProperties.MAX_REF_AGE_MS_DEFAULT);
    for (Map.Entry<String, SnapshotRef> e : table.refs().entrySet()) {
      if (e.getKey().equals(SnapshotRef.MAIN_BRANCH)) {
        continue;
      }
      refs.add(e.getKey());
      Snapshot snapshot = table.snapshot(e.getValue().snapshotId());
      long maxAge = e.getValue().maxRefAgeMs() != null ? e.getValue().maxRefAgeMs() : defaultMaxRefAge;
      if (snapshot == null || now.toEpochMilli() - snapshot.timestampMillis() > maxAge) {
        doomed.add(e.getKey());
      }
      if (snapshot != null && e.getValue().isTag()) {
        pinned(e.getKey(), snapshot.snapshotId(), snapshot.timestampMillis(), now, policy.tagMaxAge()).ifPresent(pinning::add);
      }
    }
    int snapshots = size(table.snapshots());
    if (!doomed.isEmpty()) {
      return new TableExpiry(name, config.iceberg(), "iceberg", olderThan, policy.retainLast(), List.of(), snapshots, refs,
          pinning, 0, "Iceberg's expiry would also drop " + doomed + " (past their max-ref-age); historylane never"
              + " drops a tag or branch as a side effect: remove them deliberately, or raise their max-ref-age");
    }
    List<Long> expired = table.expireSnapshots().expireOlderThan(olderThan.toEpochMilli()).retainLast(policy.retainLast())
        .apply().stream().map(Snapshot::snapshotId).sorted().toList();
    long deleted = 0;
    if (!dryRun && !expired.isEmpty()) {
      ExpireSnapshots.Result r = SparkActions.get(session.spark()).expireSnapshots(table)
          .expireOlderThan(olderThan.toEpochMilli()).retainLast(policy.retainLast()).execute();
      deleted = r.deletedDataFilesCount() + r.deletedPositionDeleteFilesCount() + r.deletedEqualityDeleteFilesCount()
          + r.deletedManifestsCount() + r.deletedManifestListsCount();
      table.refresh();
    }
    return new TableExpiry(name, config.iceberg(), "iceberg", olderThan, policy.retainLast(), expired,
        dryRun ? snapshots - expired.size() : size(table.snapshots()), refs, pinning, deleted, null);
  }

  private TableExpiry paimon(String name, TableConfig config, CompactionPolicy policy) {
    FileStoreTable table = (FileStoreTable) session.paimonTable(config.paimon());
    Instant now = clock.instant();
    Instant olderThan = now.minus(policy.snapshotsOlderThan());
    List<String> refs = new ArrayList<>(table.tagManager().allTagNames());
    refs.addAll(table.branchManager().branches());
    List<PinningTag> pinning = new ArrayList<>();
    SortedMap<org.apache.paimon.Snapshot, List<String>> tags = table.tagManager().tags();
    tags.forEach((snapshot, names) -> names.forEach(tag ->
        pinned(tag, snapshot.id(), snapshot.timeMillis(), now, policy.tagMaxAge()).ifPresent(pinning::add)));
    SnapshotManager snapshots = table.snapshotManager();
    List<Long> expired = paimonWouldExpire(snapshots, policy.retainLast(), olderThan.toEpochMilli());
    if (!dryRun && !expired.isEmpty()) {
      session.requirePaimonProcedures();
      session.spark().sql("CALL " + session.paimonCatalogName() + ".sys.expire_snapshots(table => '" + config.paimon()
          + "', retain_min => " + policy.retainLast() + ", older_than => " + SqlLiterals.of(olderThan) + ")").collect();
    }
    int left = dryRun ? paimonSnapshots(snapshots) - expired.size() : paimonSnapshots(table.snapshotManager());
    return new TableExpiry(name, config.paimon(), "paimon", olderThan, policy.retainLast(), expired, left,
        refs, pinning, 0, null);
  }

  /**
   * The snapshots Paimon's expiry removes: from the earliest, while at least {@code retainMin}
   * newer ones remain and each is older than the cut-off (Paimon stops at the first younger one).
   */
  private static List<Long> paimonWouldExpire(SnapshotManager snapshots, int retainMin, long olderThanMillis) {
    Long earliest = snapshots.earliestSnapshotId();
    Long latest = snapshots.latestSnapshotId();
    List<Long> ids = new ArrayList<>();
    if (earliest == null || latest == null) {
      return ids;
    }
    for (long id = earliest; id <= latest - retainMin; id++) {
      if (snapshots.snapshotExists(id) && snapshots.snapshot(id).timeMillis() >= olderThanMillis) {
        break;
      }
      ids.add(id);
    }
    return ids;
  }

  /** Paimon's snapshots are numbered without gaps from the earliest kept to the latest. */
  private static int paimonSnapshots(SnapshotManager snapshots) {
    Long earliest = snapshots.earliestSnapshotId();
    Long latest = snapshots.latestSnapshotId();
    return earliest == null || latest == null ? 0 : (int) (latest - earliest + 1);
  }

  private static Optional<PinningTag> pinned(String tag, long snapshotId, long millis, Instant now, Duration max) {
    Duration age = Duration.between(Instant.ofEpochMilli(millis), now);
    return age.compareTo(max) > 0
        ? Optional.of(new PinningTag(tag, snapshotId, Instant.ofEpochMilli(millis), age, max))
        : Optional.empty();
  }

  private static int size(Iterable<?> items) {
    int n = 0;
    for (Object ignored : items) {
      n++;
    }
    return n;
  }
}
