package io.historylane.compaction;

import io.historylane.compaction.plan.TablePlan;
import io.historylane.core.config.CompactionPolicy;
import io.historylane.core.config.TableConfig;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;
import java.time.Clock;

/**
 * What every format's compactor starts from: the table, its policy and target size, the range,
 * the clock and the run id; and the rule that a plan is executed by the compactor that made it,
 * and a plan without work commits nothing.
 */
public abstract class BaseCompactor implements Compactor {
  protected final LakehouseSession session;
  protected final String name;
  protected final TableConfig config;
  protected final CompactionPolicy policy;
  protected final DateRange range;
  protected final Clock clock;
  protected final String runId;
  protected final long targetBytes;
  private TablePlan lastPlan;

  protected BaseCompactor(LakehouseSession session, String name, DateRange range, Clock clock, String runId) {
    this.session = session;
    this.name = name;
    this.config = session.config().table(name);
    this.policy = session.config().compactionPolicy(config);
    this.range = range;
    this.clock = clock;
    this.runId = runId;
    this.targetBytes = policy.targetFileSizeFor(config).bytes();
  }

  @Override
  public final TablePlan plan() {
    lastPlan = doPlan();
    return lastPlan;
  }

  @Override
  public final TableCompaction execute(TablePlan plan) {
    if (plan != lastPlan) {
      throw new IllegalStateException("execute the plan this compactor made last");
    }
    if (!plan.hasWork()) {
      return Outcomes.unchanged(plan, policy.maxManifests(), false);
    }
    return doExecute(plan);
  }

  protected abstract TablePlan doPlan();

  /** Executes a plan with work, made by {@link #doPlan()}. */
  protected abstract TableCompaction doExecute(TablePlan plan);
}
