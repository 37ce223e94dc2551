package io.historylane.compaction;

import io.historylane.compaction.iceberg.IcebergCompactor;
import io.historylane.compaction.paimon.PaimonCompactor;
import io.historylane.compaction.plan.TablePlan;
import io.historylane.core.config.TableConfig;
import io.historylane.core.session.JobGroup;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;
import java.time.Clock;

/**
 * Compacts one registered table, Iceberg or Paimon, in the style of Iceberg's SparkActions:
 * configure, {@link #execute()}, read the immutable {@link TableCompaction}.
 *
 * <pre>
 *   TableCompaction r = CompactTable.of(session, "sales").range(january).dryRun(true).execute();
 * </pre>
 *
 * A dry run plans only. A run rewrites what the plan chose, verifies every rewrite commit (row
 * count and checksum of the rewritten partitions before and after) and reports each partition's
 * files, bytes and health before and after. Re-running is safe: a compacted partition is healthy
 * and is left alone.
 */
public final class CompactTable {
  private final LakehouseSession session;
  private final String table;
  private DateRange range;
  private boolean dryRun;
  private Clock clock = Clock.systemUTC();
  private String runId = "adhoc";

  private CompactTable(LakehouseSession session, String table) {
    this.session = session;
    this.table = table;
  }

  public static CompactTable of(LakehouseSession session, String table) {
    return new CompactTable(session, table);
  }

  /** Only the day partitions of {@code days} (null: the whole table). */
  public CompactTable range(DateRange days) {
    this.range = days;
    return this;
  }

  public CompactTable dryRun(boolean plan) {
    this.dryRun = plan;
    return this;
  }

  /** The "now" the quiet period is measured back from. */
  public CompactTable clock(Clock now) {
    this.clock = now;
    return this;
  }

  /** Recorded in the summary of every commit the run makes. */
  public CompactTable runId(String id) {
    this.runId = id;
    return this;
  }

  /** The format's compactor, for callers that plan and execute in two steps. */
  public Compactor compactor() {
    TableConfig config = session.config().table(table);
    return config.isIceberg() ? new IcebergCompactor(session, table, range, clock, runId)
        : new PaimonCompactor(session, table, range, clock, runId);
  }

  public TableCompaction execute() {
    Compactor compactor = compactor();
    TablePlan plan;
    try (JobGroup g = JobGroup.start(session.spark(), runId, "compact " + table + ": plan")) {
      plan = compactor.plan();
    }
    if (dryRun) {
      return Outcomes.unchanged(plan, session.config().compactionPolicy(session.config().table(table)).maxManifests(), true);
    }
    return compactor.execute(plan);
  }
}
