package io.historylane.compaction;

import io.historylane.compaction.iceberg.IcebergCompactor;
import io.historylane.compaction.paimon.PaimonCompactor;
import io.historylane.compaction.plan.TablePlan;
import io.historylane.core.config.TableConfig;
import io.historylane.core.session.JobGroup;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;

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
public final class CompactTable extends BaseAction<CompactTable> {
  private final String table;
  private DateRange range;

  private CompactTable(LakehouseSession session, String table) {
    super(session);
    this.table = table;
  }

  @Override
  protected CompactTable self() {
    return this;
  }

  public static CompactTable of(LakehouseSession session, String table) {
    return new CompactTable(session, table);
  }

  /** Only the day partitions of {@code days} (null: the whole table). */
  public CompactTable range(DateRange days) {
    this.range = days;
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
