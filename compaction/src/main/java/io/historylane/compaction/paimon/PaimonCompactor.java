package io.historylane.compaction.paimon;

import io.historylane.compaction.BaseCompactor;
import io.historylane.compaction.Outcomes;
import io.historylane.compaction.TableCompaction;
import io.historylane.compaction.Verification;
import io.historylane.compaction.plan.FileLayout;
import io.historylane.compaction.plan.LayoutCounter;
import io.historylane.compaction.plan.PartitionPlan;
import io.historylane.compaction.plan.PartitionRef;
import io.historylane.compaction.plan.PlanAction;
import io.historylane.compaction.plan.TablePlan;
import io.historylane.compaction.verify.LayoutVerifier;
import io.historylane.core.config.CompactionPolicy;
import io.historylane.core.error.BadInputException;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.session.JobGroup;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.paimon.Snapshot;
import org.apache.paimon.io.DataFileMeta;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.source.DataSplit;
import org.apache.paimon.utils.SerializationUtils;
import org.apache.paimon.utils.SnapshotManager;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Plans and runs the compaction of one Paimon table: per partition, files and sizes per bucket
 * from one snapshot; a partition is compacted when it has at least min-input-files more files than
 * its data needs at the target size, and skipped while its newest file is younger than the quiet
 * period. Full compaction goes through {@code CALL <paimon>.sys.compact(...)} with the chosen
 * partitions, minor through {@link PaimonMinorCompaction}; a call that fails (a conflicting
 * commit) is retried up to conflict-retries times. Every compact commit is verified.
 */
public final class PaimonCompactor extends BaseCompactor {
  private static final Logger LOG = LoggerFactory.getLogger(PaimonCompactor.class);

  private final Map<PartitionRef, PaimonPartitions.Key> keys = new LinkedHashMap<>();
  private PaimonPartitions partitions;

  public PaimonCompactor(LakehouseSession session, String name, DateRange range, Clock clock, String runId) {
    super(session, name, range, clock, runId);
  }

  private FileStoreTable table() {
    return (FileStoreTable) session.paimonTable(config.paimon());
  }

  @Override
  protected TablePlan doPlan() {
    FileStoreTable table = table();
    partitions = new PaimonPartitions(table.schema().logicalPartitionType());
    Instant now = clock.instant();
    Long head = table.snapshotManager().latestSnapshotId();
    keys.clear();
    Map<PaimonPartitions.Key, LayoutCounter> counters = head == null ? Map.of() : measure(table, head);
    partitions.findDayKey(counters.keySet());
    if (range != null && !partitions.dayPartitioned()) {
      throw new BadInputException("--from/--to select day partitions, but " + config.paimon()
          + " has no day partition key (a DATE key, or a text key of ISO dates): drop --from and --to");
    }
    List<PartitionPlan> plans = new ArrayList<>();
    counters.forEach((key, counter) -> {
      PartitionRef ref = partitions.ref(key);
      if (range != null && (ref.day() == null || !range.contains(ref.day()))) {
        return;
      }
      keys.put(ref, key);
      plans.add(decide(ref, counter, now));
    });
    plans.sort((a, b) -> a.partition().compareTo(b.partition()));
    return new TablePlan(name, config.paimon(), "paimon", head, targetBytes, policy.paimonMode().configName(),
        partitions.dayPartitioned(), now, plans);
  }

  private Map<PaimonPartitions.Key, LayoutCounter> measure(FileStoreTable table, long snapshotId) {
    Map<PaimonPartitions.Key, LayoutCounter> counters = new LinkedHashMap<>();
    for (DataSplit split : table.newSnapshotReader().withSnapshot(snapshotId).read().dataSplits()) {
      PaimonPartitions.Key key = partitions.key(split.partition());
      LayoutCounter counter = counters.computeIfAbsent(key, k -> new LayoutCounter(targetBytes));
      for (DataFileMeta file : split.dataFiles()) {
        counter.dataFile(split.bucket(), file.fileSize(), file.rowCount(), null);
        file.deleteRowCount().ifPresent(counter::deletedRows);
        counter.written(file.creationTimeEpochMillis());
      }
    }
    return counters;
  }

  private PartitionPlan decide(PartitionRef ref, LayoutCounter counter, Instant now) {
    FileLayout layout = counter.layout();
    if (counter.newestFileMillis() >= now.minus(policy.quietPeriod()).toEpochMilli()) {
      return PartitionPlan.skip(ref, layout, PartitionPlan.Skip.QUIET);
    }
    if (layout.dataFiles() - layout.idealFiles() < policy.minInputFiles()) {
      return PartitionPlan.skip(ref, layout, PartitionPlan.Skip.HEALTHY);
    }
    PlanAction action = policy.paimonMode() == CompactionPolicy.PaimonMode.FULL
        ? PlanAction.FULL_COMPACTION : PlanAction.MINOR_COMPACTION;
    return new PartitionPlan(ref, layout, Set.of(action), null, layout.dataFiles(), layout.dataBytes(),
        layout.idealFiles());
  }

  @Override
  protected TableCompaction doExecute(TablePlan plan) {
    List<PartitionRef> work = plan.withWork().stream().map(PartitionPlan::partition).toList();
    List<PaimonPartitions.Key> workKeys = work.stream().map(keys::get).toList();
    Map<PartitionRef, Integer> conflicts = new LinkedHashMap<>();
    int passes = 0;
    boolean committed = false;
    RuntimeException last = null;
    while (!committed && passes <= policy.conflictRetries()) {
      passes++;
      try (JobGroup g = JobGroup.start(session.spark(), runId,
          "compact " + name + ": " + policy.paimonMode().configName() + " compaction of " + work.size()
              + " partitions (pass " + passes + ")")) {
        compact(work, workKeys);
        committed = true;
      } catch (RuntimeException e) {
        last = e;
        work.forEach(ref -> conflicts.merge(ref, 1, Integer::sum));
        LOG.warn("compact {}: pass {} failed ({}); {}", name, passes, e.getMessage(),
            passes <= policy.conflictRetries() ? "retrying" : "giving up");
      }
    }
    if (!committed) {
      throw new RunFailedException("compacting " + config.paimon() + " committed nothing: " + passes
          + " attempts failed, the last with: " + last.getMessage() + ". Nothing changed; rerun when the writer is"
          + " quiet (Paimon allows one compaction of a partition at a time)", last);
    }
    FileStoreTable table = table();
    long after = table.snapshotManager().latestSnapshotId();
    List<Verification> verified;
    long started = System.nanoTime();
    try (JobGroup g = JobGroup.start(session.spark(), runId, "compact " + name + ": verify")) {
      verified = verify(table.snapshotManager(), plan.snapshotId(), after, work, workKeys);
    }
    long verifyMs = (System.nanoTime() - started) / 1_000_000;
    Map<PartitionRef, FileLayout> layouts = new LinkedHashMap<>();
    measure(table, after).forEach((key, counter) -> layouts.put(partitions.ref(key), counter.layout()));
    int filesBefore = plan.withWork().stream().mapToInt(p -> p.before().dataFiles()).sum();
    int filesNow = work.stream().mapToInt(ref -> layouts.getOrDefault(ref, FileLayout.EMPTY).dataFiles()).sum();
    return new TableCompaction(plan, false, after, Outcomes.of(plan, layouts, Set.of(), conflicts, policy.maxManifests()),
        verified, passes, 1, passes - 1, filesBefore, filesNow, plan.bytesToRewrite(), 0, verifyMs);
  }

  private void compact(List<PartitionRef> work, List<PaimonPartitions.Key> workKeys) {
    if (policy.paimonMode() == CompactionPolicy.PaimonMode.FULL) {
      session.requirePaimonProcedures();
      String argument = partitions.procedureArgument(workKeys);
      session.spark().sql("CALL " + session.paimonCatalogName() + ".sys.compact(table => '" + config.paimon() + "'"
          + (argument == null ? "" : ", partitions => '" + argument + "'") + ")").collect();
      return;
    }
    FileStoreTable table = table();
    List<Tuple2<byte[], Integer>> buckets = new ArrayList<>();
    Set<PartitionRef> wanted = new HashSet<>(work);
    for (DataSplit split : table.newSnapshotReader().read().dataSplits()) {
      if (wanted.contains(partitions.ref(partitions.key(split.partition())))) {
        buckets.add(new Tuple2<>(SerializationUtils.serializeBinaryRow(split.partition()), split.bucket()));
      }
    }
    PaimonMinorCompaction.run(JavaSparkContext.fromSparkContext(session.spark().sparkContext()), table, buckets);
  }

  /**
   * Each unbroken run of COMPACT snapshots after the plan's is checked on the compacted
   * partitions: the snapshot before the run and its last snapshot must hold the same rows.
   */
  private List<Verification> verify(SnapshotManager snapshots, Long since, long head, List<PartitionRef> work,
      List<PaimonPartitions.Key> workKeys) {
    LayoutVerifier verifier = new LayoutVerifier(session.spark(), session.paimonCatalogName() + "." + config.paimon(),
        "if no other commit followed, CALL " + session.paimonCatalogName() + ".sys.rollback(table => '"
            + config.paimon() + "', version => '<snapshot before>') and report the file set");
    List<String> labels = work.stream().map(PartitionRef::label).toList();
    String where = partitions.sqlPredicate(workKeys);
    List<Verification> verified = new ArrayList<>();
    long first = since == null ? snapshots.earliestSnapshotId() : since + 1;
    Long runStart = null;
    for (long id = first; id <= head + 1; id++) {
      boolean compact = id <= head && snapshots.snapshot(id).commitKind() == Snapshot.CommitKind.COMPACT;
      if (compact && runStart == null) {
        runStart = id;
      } else if (!compact && runStart != null) {
        if (runStart > 1) {
          verified.add(verifier.verify(runStart - 1, id - 1, labels, where));
        }
        runStart = null;
      }
    }
    return verified;
  }
}
