package io.historylane.compaction;

import io.historylane.compaction.plan.TablePlan;

/**
 * Compaction of one table in one format: plan from one snapshot, then execute exactly that plan.
 * The two steps are separate so a dry run stops after the first and a caller can see (or a test
 * can provoke) what happens between them.
 */
public interface Compactor {
  TablePlan plan();

  /** Executes {@code plan}, which must come from this compactor's {@link #plan()}. */
  TableCompaction execute(TablePlan plan);
}
