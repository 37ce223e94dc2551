package io.historylane.snapshots;

import io.historylane.core.config.Environment;
import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.Durations;
import io.historylane.snapshots.TagOutcome.Action;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts tables at one or more instants: in every table, a tag named after the cut on the last
 * snapshot committed at or before the instant, and a manifest row per table. In the style of
 * Iceberg's SparkActions: configure, {@link #execute()}, read the immutable {@link CutResult}.
 *
 * <ol>
 *   <li>Plan everything first, changing nothing: resolve every table at every instant, compare with
 *       the tags and the manifest. A table with no snapshot at or before an instant, or a tag of
 *       the same name on another snapshot (without {@code replace}), fails the run before any tag
 *       is written.
 *   <li>Write the tags, one commit per Iceberg table for all cuts of the run. If a table fails, the
 *       tags this run created are removed again.
 *   <li>Record the cuts in the manifest. A rerun finds every tag in place and every row recorded,
 *       and commits nothing.
 * </ol>
 *
 * <p>Metadata only: no data file is read and no Spark job runs.
 */
public final class CutSnapshots {
  /**
   * How long after an instant a cut of it waits: a writer stamps its snapshot before its commit
   * lands (and writers' clocks drift), so a commit stamped just before the instant may still be
   * on its way. Waiting lets the cut see it, as a later time-travel read would.
   */
  static final Duration COMMIT_SETTLE = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(CutSnapshots.class);

  private final LakehouseSession session;
  private final CutManifest manifest;
  private List<String> tables = List.of();
  private List<CutPoint> points = List.of();
  private Duration retain;
  private boolean replace;
  private boolean allowMissing;
  private boolean dryRun;
  private String runId = "adhoc";
  private String creator = Creator.of(Environment.system());

  CutSnapshots(LakehouseSession session, CutManifest manifest) {
    this.session = session;
    this.manifest = manifest;
  }

  /** Registered tables (registry names), Iceberg and Paimon alike. */
  public CutSnapshots tables(List<String> names) {
    this.tables = List.copyOf(names);
    return this;
  }

  /** The cuts to make (see {@link CutSchedule}). */
  public CutSnapshots points(List<CutPoint> cuts) {
    this.points = List.copyOf(cuts);
    return this;
  }

  /** How long the cuts are kept; null (the default): the longest tag-max-age of the tables' policies. */
  public CutSnapshots retain(Duration duration) {
    this.retain = duration;
    return this;
  }

  /** Move existing tags of the same name; a cut replaced this way is exactly the new one. */
  public CutSnapshots replace(boolean move) {
    this.replace = move;
    return this;
  }

  /** Skip tables with no snapshot at or before a cut's instant instead of failing. */
  public CutSnapshots allowMissing(boolean skip) {
    this.allowMissing = skip;
    return this;
  }

  public CutSnapshots dryRun(boolean plan) {
    this.dryRun = plan;
    return this;
  }

  public CutSnapshots runId(String id) {
    this.runId = id;
    return this;
  }

  public CutSnapshots creator(String who) {
    this.creator = who;
    return this;
  }

  public CutResult execute() {
    if (tables.isEmpty() || points.isEmpty()) {
      throw new BadInputException("a cut needs at least one table and one instant");
    }
    long waitedMs = awaitSettled();
    long start = System.nanoTime();
    Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<TableTags> opened = tables.stream()
        .map(name -> TableTags.open(session, TableRef.of(name, session.config().table(name)))).toList();
    Map<String, Cut> recorded = new LinkedHashMap<>();
    manifest.cuts().forEach(c -> recorded.put(c.name(), c));
    Plan plan = new Plan(recorded);
    for (CutPoint point : points) {
      plan.add(point, opened, retentionEnd(recorded.get(point.name()), point, createdAt));
    }
    plan.failOnProblems();
    boolean manifestChanged = false;
    if (!dryRun) {
      plan.writeTags();
      manifestChanged = manifest.update(rows -> plan.record(rows, createdAt));
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    CutResult result = new CutResult(dryRun, plan.outcomes(), ms, waitedMs, manifestChanged);
    LOG.info("{} {} cut(s) of {} table(s) in {}: {} tags created, {} moved, {} unchanged", dryRun ? "planned" : "made",
        points.size(), tables.size(), Durations.humanize(Duration.ofMillis(ms)), result.count(Action.CREATED),
        result.count(Action.MOVED), result.count(Action.UNCHANGED));
    return result;
  }

  /** Returns how long it waited. */
  private long awaitSettled() {
    Instant latest = points.stream().map(CutPoint::asOf).max(Instant::compareTo).orElseThrow();
    long waitMs = latest.plus(COMMIT_SETTLE).toEpochMilli() - System.currentTimeMillis();
    if (waitMs > 0) {
      LOG.info("waiting {} ms so commits stamped before {} have landed", waitMs, latest);
      try {
        Thread.sleep(waitMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RunFailedException("interrupted while waiting for commits before " + latest + ": nothing was cut", e);
      }
    }
    return Math.max(0, waitMs);
  }

  /** A cut recorded before at the same instant keeps its retention; a new one gets the configured one. */
  private Instant retentionEnd(Cut existing, CutPoint point, Instant createdAt) {
    if (existing != null && existing.asOf().equals(point.asOf())) {
      return existing.retentionEnd();
    }
    return createdAt.plus(retain != null ? retain : longestTagMaxAge());
  }

  private Duration longestTagMaxAge() {
    HistorylaneConfig config = session.config();
    return tables.stream().map(t -> config.compactionPolicy(config.table(t)).tagMaxAge())
        .max(Duration::compareTo).orElseThrow();
  }

  /**
   * One tag to set (or keep) in one table for one cut.
   *
   * @param recorded whether the manifest already has this very row (same cut, instant and snapshot)
   */
  private record Planned(CutPoint point, Instant retentionEnd, TableTags tags, SnapshotAt snapshot, Action action,
      boolean recorded) {

    /** Created and moved tags are written; so is a kept tag getting a new row, for its retention to match the row. */
    boolean writesTag() {
      return action == Action.CREATED || action == Action.MOVED || (action == Action.UNCHANGED && !recorded);
    }
  }

  /** The whole run's plan, built before anything changes. */
  private final class Plan {
    private final Map<String, Cut> recorded;
    private final List<Planned> planned = new ArrayList<>();
    private final Map<String, List<TagOutcome>> outcomes = new LinkedHashMap<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> conflicts = new ArrayList<>();

    Plan(Map<String, Cut> recorded) {
      this.recorded = recorded;
    }

    void add(CutPoint point, List<TableTags> opened, Instant retentionEnd) {
      Cut before = recorded.get(point.name());
      if (before != null && !before.asOf().equals(point.asOf()) && !replace) {
        conflicts.add("cut " + point.name() + " exists as of " + before.asOf() + ", not " + point.asOf());
      }
      List<TagOutcome> tagOutcomes = outcomes.computeIfAbsent(point.name(), k -> new ArrayList<>());
      Set<String> covered = new HashSet<>();
      for (TableTags tags : opened) {
        TableRef ref = tags.ref();
        Optional<SnapshotAt> resolved = tags.snapshotAsOf(point.asOf());
        if (resolved.isEmpty()) {
          if (!allowMissing) {
            missing.add(ref.describe());
          }
          tagOutcomes.add(new TagOutcome(ref, null, null, Action.NO_SNAPSHOT));
          continue;
        }
        SnapshotAt snapshot = resolved.get();
        Optional<Long> tagged = tags.tagged(point.name());
        Action action;
        if (tagged.isEmpty()) {
          action = Action.CREATED;
        } else if (tagged.get() == snapshot.id()) {
          action = Action.UNCHANGED;
        } else {
          action = Action.MOVED;
          if (!replace) {
            conflicts.add("tag " + point.name() + " of " + ref.describe() + " is on snapshot " + tagged.get()
                + ", not on " + snapshot.id() + " (the last at or before " + point.asOf() + ")");
          }
        }
        covered.add(ref.table());
        boolean recorded = before != null && before.entries().stream().anyMatch(e -> e.table().equals(ref.table())
            && e.snapshotId() == snapshot.id() && e.asOf().equals(point.asOf()));
        planned.add(new Planned(point, retentionEnd, tags, snapshot, action, recorded));
        tagOutcomes.add(new TagOutcome(ref, snapshot.id(), snapshot.committedAt(), action));
      }
      if (replace && before != null) {
        // the replaced cut is exactly the new one: tables it had that the new one lacks lose the tag
        for (CutEntry row : before.entries()) {
          if (!covered.contains(row.table())) {
            planned.add(new Planned(point, retentionEnd, TableTags.open(session, row.tableRef()), null, Action.REMOVED, true));
            tagOutcomes.add(new TagOutcome(row.tableRef(), row.snapshotId(), row.snapshotAt(), Action.REMOVED));
          }
        }
      }
    }

    void failOnProblems() {
      if (!missing.isEmpty()) {
        Set<String> instants = new java.util.TreeSet<>();
        points.forEach(p -> instants.add(p.asOf().toString()));
        throw new BadInputException("no snapshot at or before " + String.join(", ", instants) + " in "
            + String.join(", ", new java.util.LinkedHashSet<>(missing))
            + ": cut at a later instant, leave the table out, or pass --allow-missing to skip it");
      }
      if (!conflicts.isEmpty()) {
        String shown = String.join("; ", conflicts.subList(0, Math.min(3, conflicts.size())));
        throw new BadInputException(shown + (conflicts.size() > 3 ? "; and " + (conflicts.size() - 3) + " more" : "")
            + ": pass --replace to move the cut to the new instant, or choose another --name");
      }
    }

    /** Writes per table; on a failure removes the tags this run created, so no half cut remains. */
    void writeTags() {
      Map<TableTags, List<Planned>> byTable = new LinkedHashMap<>();
      planned.forEach(p -> byTable.computeIfAbsent(p.tags(), k -> new ArrayList<>()).add(p));
      List<TableTags> touched = new ArrayList<>();
      for (Map.Entry<TableTags, List<Planned>> e : byTable.entrySet()) {
        touched.add(e.getKey());
        try {
          e.getKey().write(e.getValue().stream()
              .filter(Planned::writesTag)
              .map(p -> new TagWrite(p.point().name(), p.snapshot(), p.retentionEnd(), p.action() == Action.MOVED))
              .toList());
          e.getKey().remove(e.getValue().stream().filter(p -> p.action() == Action.REMOVED).map(p -> p.point().name())
              .toList());
        } catch (RuntimeException failure) {
          undoCreated(byTable, touched);
          throw new RunFailedException("cutting " + e.getKey().ref().describe() + " failed: " + failure.getMessage()
              + ". The tags this run created were removed (tags it moved stay moved); rerun the cut", failure);
        }
      }
    }

    private void undoCreated(Map<TableTags, List<Planned>> byTable, List<TableTags> touched) {
      for (TableTags tags : touched) {
        List<String> created = byTable.get(tags).stream().filter(p -> p.action() == Action.CREATED)
            .map(p -> p.point().name()).toList();
        try {
          tags.remove(created);
        } catch (RuntimeException e) {
          LOG.warn("could not remove tags {} of {} after a failed cut: {}", created, tags.ref().describe(), e.toString());
        }
      }
    }

    /** The manifest after this run: rows it set or moved replace earlier rows of the same cut and table. */
    List<CutEntry> record(List<CutEntry> rows, Instant createdAt) {
      Set<String> replacedKeys = new HashSet<>();
      List<CutEntry> added = new ArrayList<>();
      for (Planned p : planned) {
        String key = key(p.point().name(), p.tags().ref().table());
        if (p.action() == Action.REMOVED) {
          replacedKeys.add(key);
          continue;
        }
        if (!p.recorded()) {
          replacedKeys.add(key);
          TableRef ref = p.tags().ref();
          added.add(new CutEntry(p.point().name(), p.point().asOf(), ref.table(), ref.format(), ref.identifier(),
              p.snapshot().id(), p.snapshot().committedAt(), runId, creator, p.retentionEnd(), createdAt));
        }
      }
      List<CutEntry> after = new ArrayList<>();
      for (CutEntry row : rows) {
        if (!replacedKeys.contains(key(row.name(), row.table()))) {
          after.add(row);
        }
      }
      after.addAll(added);
      return after;
    }

    List<CutOutcome> outcomes() {
      List<CutOutcome> out = new ArrayList<>();
      for (CutPoint p : points) {
        Instant retention = planned.stream().filter(x -> x.point().equals(p)).map(Planned::retentionEnd).findFirst()
            .orElse(null);
        out.add(new CutOutcome(p.name(), p.asOf(), retention, outcomes.get(p.name())));
      }
      return out;
    }
  }

  private static String key(String cut, String table) {
    return cut + "\u0000" + table;
  }
}
