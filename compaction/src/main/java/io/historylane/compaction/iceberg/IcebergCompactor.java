package io.historylane.compaction.iceberg;

import io.historylane.compaction.BaseCompactor;
import io.historylane.compaction.Outcomes;
import io.historylane.compaction.PartitionOutcome;
import io.historylane.compaction.TableCompaction;
import io.historylane.compaction.Verification;
import io.historylane.compaction.plan.FileLayout;
import io.historylane.compaction.plan.PartitionPlan;
import io.historylane.compaction.plan.PartitionRef;
import io.historylane.compaction.plan.PlanAction;
import io.historylane.compaction.plan.TablePlan;
import io.historylane.compaction.verify.LayoutVerifier;
import io.historylane.core.error.BadInputException;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.session.JobGroup;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and runs the compaction of one Iceberg table through Iceberg's Java actions (stack.md).
 *
 * <p>The plan reads one snapshot: every partition's layout, which partitions commits touched
 * within the quiet period, and the file groups Iceberg's rewrite planner makes. Execution pins the
 * first pass to that snapshot (a commit that conflicts with what the plan read is detected, not
 * overwritten), commits with partial progress, and re-plans partitions whose groups did not all
 * commit in a later pass, up to the policy's conflict-retries. Then position deletes and manifests
 * where the plan asked for them, and finally every rewrite commit is verified.
 */
public final class IcebergCompactor extends BaseCompactor {
  private static final Logger LOG = LoggerFactory.getLogger(IcebergCompactor.class);

  private Table planned;
  /** The rewrite batches planned at the plan's snapshot: pass 1 runs these instead of planning again. */
  private List<IcebergGroups.Batch> plannedBatches = List.of();
  private IcebergPartitions partitions;
  private final Map<PartitionRef, PartitionKey> keys = new LinkedHashMap<>();

  public IcebergCompactor(LakehouseSession session, String name, DateRange range, Clock clock, String runId) {
    super(session, name, range, clock, runId);
  }

  @Override
  protected TablePlan doPlan() {
    Table table = session.icebergTable(config.iceberg());
    partitions = new IcebergPartitions(table.spec(), table.schema());
    boolean sort = sortStrategy(table);
    Instant now = clock.instant();
    Snapshot head = table.currentSnapshot();
    List<PartitionPlan> plans = new ArrayList<>();
    keys.clear();
    Expression scope = range == null ? Expressions.alwaysTrue() : partitions.dayRange(range, config.iceberg());
    if (head != null) {
      Map<PartitionKey, FileLayout> layouts = IcebergFiles.layouts(table, head.snapshotId(), scope, targetBytes);
      Set<PartitionKey> quiet = IcebergFiles.touchedSince(table, head, now.minus(policy.quietPeriod()).toEpochMilli());
      plannedBatches = IcebergGroups.batches(table, head.snapshotId(), scope, policy, targetBytes, sort, partitions::filter);
      Map<PartitionKey, IcebergGroups.Groups> groups = IcebergGroups.all(plannedBatches);
      layouts.forEach((key, layout) -> {
        PartitionRef ref = partitions.ref(key);
        keys.put(ref, key);
        plans.add(quiet.contains(key) ? PartitionPlan.skip(ref, layout, PartitionPlan.Skip.QUIET)
            : decide(ref, layout, groups.get(key), sort));
      });
      plans.sort((a, b) -> a.partition().compareTo(b.partition()));
    }
    planned = table;
    return new TablePlan(name, config.iceberg(), "iceberg", head == null ? null : head.snapshotId(), targetBytes,
        sort ? "sort" : "binpack", partitions.dayPartitioned(), now, plans);
  }

  /** What one partition outside the quiet period needs. */
  private PartitionPlan decide(PartitionRef ref, FileLayout layout, IcebergGroups.Groups groups, boolean sort) {
    Set<PlanAction> actions = EnumSet.noneOf(PlanAction.class);
    int files = 0;
    long bytes = 0;
    int expected = layout.dataFiles();
    if (groups != null) {
      actions.add(sort ? PlanAction.SORT : PlanAction.BINPACK);
      files = groups.inputFiles();
      bytes = groups.inputBytes();
      expected = layout.dataFiles() - files + groups.expectedOutputFiles();
    } else if (layout.positionDeleteFiles() >= policy.minInputFiles()) {
      actions.add(PlanAction.REWRITE_POSITION_DELETES);
    }
    if (layout.manifests() > policy.maxManifests()) {
      actions.add(PlanAction.REWRITE_MANIFESTS);
    }
    if (actions.isEmpty()) {
      return PartitionPlan.skip(ref, layout, PartitionPlan.Skip.HEALTHY);
    }
    return new PartitionPlan(ref, layout, actions, null, files, bytes, expected);
  }

  private boolean sortStrategy(Table table) {
    return switch (policy.strategy()) {
      case BINPACK -> false;
      case AUTO -> table.sortOrder().isSorted();
      case SORT -> {
        if (!table.sortOrder().isSorted()) {
          throw new BadInputException("tables." + name + " uses compaction strategy sort, but " + config.iceberg()
              + " has no sort order: set tables." + name + ".sort, or use strategy binpack or auto");
        }
        yield true;
      }
    };
  }

  @Override
  protected TableCompaction doExecute(TablePlan plan) {
    return new Run(plan).execute();
  }

  /** One execution of a plan and the counts it gathers. */
  private final class Run {
    private final TablePlan plan;
    private final Map<PartitionRef, Integer> conflicts = new LinkedHashMap<>();
    private final Set<PartitionRef> deferred = new LinkedHashSet<>();
    private int passes;
    private int commits;
    private int conflictingGroups;
    private int filesRewritten;
    private int filesAdded;
    private long bytesRewritten;
    private int deleteFilesRemoved;

    Run(TablePlan plan) {
      this.plan = plan;
    }

    TableCompaction execute() {
      RuntimeException failure = null;
      try {
        rewriteData();
        if (commits > 0 && plan.withWork().stream().anyMatch(p -> p.rewritesData() && p.before().deleteFiles() > 0)) {
          try (JobGroup g = JobGroup.start(session.spark(), runId, step("remove dangling deletes"))) {
            deleteFilesRemoved += IcebergRewrites.removeDanglingDeletes(session.spark(),
                () -> session.icebergTable(config.iceberg()), 1 + policy.conflictRetries());
          }
        }
        rewritePositionDeletes();
        rewriteManifests();
      } catch (RuntimeException e) {
        failure = e;
      }
      // whatever committed is verified, also when a later step failed
      List<Verification> verified;
      long started = System.nanoTime();
      long verifyMs;
      try (JobGroup g = JobGroup.start(session.spark(), runId, step("verify"))) {
        verified = IcebergVerification.verify(session.icebergTable(config.iceberg()), partitions,
            new LayoutVerifier(session.spark(), sparkName(), rollbackAdvice()), plan.snapshotId());
        verifyMs = (System.nanoTime() - started) / 1_000_000;
        LOG.info("compact {}: verified {} runs of rewrite commits ({} rows) in {} ms", name, verified.size(),
            verified.stream().mapToLong(Verification::rows).sum(), verifyMs);
      } catch (RuntimeException e) {
        if (failure != null) {
          e.addSuppressed(failure);
        }
        throw e;
      }
      if (failure != null) {
        throw failure instanceof RunFailedException r ? r
            : new RunFailedException("compacting " + config.iceberg() + " failed: " + failure.getMessage(), failure);
      }
      if (commits == 0 && !deferred.isEmpty()) {
        throw new RunFailedException("compacting " + config.iceberg() + " committed nothing: every rewrite group of "
            + deferred.size() + " partitions conflicted with concurrent commits in " + passes + " passes. Nothing"
            + " changed; rerun when the writer is quiet, or lengthen the policy's quiet-period");
      }
      Table table = session.icebergTable(config.iceberg());
      Map<PartitionRef, FileLayout> after = new LinkedHashMap<>();
      IcebergFiles.layouts(table, table.currentSnapshot().snapshotId(), partitions.filter(keys.values()), targetBytes)
          .forEach((k, layout) -> after.put(partitions.ref(k), layout));
      List<PartitionOutcome> outcomes = Outcomes.of(plan, after, deferred, conflicts, policy.maxManifests());
      return new TableCompaction(plan, false, table.currentSnapshot().snapshotId(), outcomes, verified, passes, commits,
          conflictingGroups, filesRewritten, filesAdded, bytesRewritten, deleteFilesRemoved, verifyMs);
    }

    private Set<PartitionRef> dataPartitions() {
      Set<PartitionRef> refs = new LinkedHashSet<>();
      plan.withWork().stream().filter(PartitionPlan::rewritesData).forEach(p -> refs.add(p.partition()));
      return refs;
    }

    /**
     * Pass 1 runs the batches planned at the plan's snapshot; later passes re-plan the partitions whose groups
     * did not all commit, from the table as it is then. The quiet period is not applied again:
     * those partitions were in scope when planned, and a conflict is not a reason to drop them.
     */
    private void rewriteData() {
      Set<PartitionRef> pending = dataPartitions();
      for (int pass = 1; pass <= 1 + policy.conflictRetries() && !pending.isEmpty(); pass++) {
        Table table = pass == 1 ? planned : session.icebergTable(config.iceberg());
        Set<PartitionKey> pendingKeys = pending.stream().map(keys::get).collect(Collectors.toSet());
        List<IcebergGroups.Batch> batches = pass == 1 ? IcebergGroups.only(plannedBatches, pendingKeys)
            : IcebergGroups.batches(table, table.currentSnapshot().snapshotId(), partitions.filter(pendingKeys), policy,
                targetBytes, plan.strategy().equals("sort"), partitions::filter);
        Map<PartitionKey, IcebergGroups.Groups> expected = IcebergGroups.all(batches);
        pending.removeIf(ref -> !expected.containsKey(keys.get(ref)));
        if (pending.isEmpty()) {
          return;
        }
        passes++;
        int groups = expected.values().stream().mapToInt(IcebergGroups.Groups::groups).sum();
        long started = System.nanoTime();
        IcebergRewrites.DataPass result = IcebergRewrites.DataPass.NONE;
        for (IcebergGroups.Batch batch : batches) {
          try (JobGroup g = JobGroup.start(session.spark(), runId, step("pass " + pass + ": rewrite "
              + batch.partitions().size() + " partitions to " + batch.targetBytes() + "-byte files"))) {
            result = result.plus(IcebergRewrites.rewriteData(session.spark(), table,
                partitions.filter(batch.partitions().keySet()), IcebergGroups.passOptions(policy, batch, targetBytes),
                plan.strategy().equals("sort"), runId));
          }
        }
        LOG.info("compact {}: pass {} committed {} of {} rewrite groups ({} files, {} bytes) in {} ms", name, pass,
            result.committedGroups(), groups, result.filesRewritten(), result.bytesRewritten(),
            (System.nanoTime() - started) / 1_000_000);
        commits += result.committedGroups();
        filesRewritten += result.filesRewritten();
        filesAdded += result.filesAdded();
        bytesRewritten += result.bytesRewritten();
        deleteFilesRemoved += result.deleteFilesRemoved();
        for (PartitionRef ref : List.copyOf(pending)) {
          int planned = expected.get(keys.get(ref)).groups();
          int committed = result.committedByPartition().getOrDefault(keys.get(ref), 0);
          if (committed >= planned) {
            pending.remove(ref);
          } else {
            conflicts.merge(ref, 1, Integer::sum);
            conflictingGroups += planned - committed;
            LOG.warn("compact {}: {} of {} rewrite groups of partition {} did not commit (conflict with a concurrent"
                + " commit); {}", name, planned - committed, planned, ref,
                pass <= policy.conflictRetries() ? "retrying in the next pass" : "no pass left: deferred to a later run");
          }
        }
      }
      deferred.addAll(pending);
    }

    private void rewritePositionDeletes() {
      List<PartitionKey> wanted = keysWith(PlanAction.REWRITE_POSITION_DELETES);
      if (!wanted.isEmpty()) {
        try (JobGroup g = JobGroup.start(session.spark(), runId,
            step("rewrite position deletes in " + wanted.size() + " partitions"))) {
          deleteFilesRemoved += IcebergRewrites.rewritePositionDeletes(session.spark(),
              session.icebergTable(config.iceberg()), partitions.filter(wanted), policy.minInputFiles(), runId);
        }
      }
    }

    private void rewriteManifests() {
      List<PartitionKey> wanted = keysWith(PlanAction.REWRITE_MANIFESTS);
      if (!wanted.isEmpty()) {
        try (JobGroup g = JobGroup.start(session.spark(), runId,
            step("rewrite manifests of " + wanted.size() + " partitions"))) {
          IcebergRewrites.rewriteManifests(session.spark(), session.icebergTable(config.iceberg()),
              partitions.filter(wanted), runId);
        }
      }
    }

    private List<PartitionKey> keysWith(PlanAction action) {
      return plan.withWork().stream().filter(p -> p.actions().contains(action)).map(p -> keys.get(p.partition()))
          .toList();
    }

    private String step(String what) {
      return "compact " + name + ": " + what;
    }
  }

  private String sparkName() {
    return session.icebergCatalogName() + "." + config.iceberg();
  }

  private String rollbackAdvice() {
    return "roll main back to the snapshot before it (`historylane snapshot rollback --table " + name
        + " --to <snapshot before> --dry-run` shows what that undoes) and report the file set";
  }
}
