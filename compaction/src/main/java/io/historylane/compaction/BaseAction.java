package io.historylane.compaction;

import io.historylane.core.session.LakehouseSession;
import java.time.Clock;

/**
 * The options every maintenance action takes, in the fluent style of Iceberg's BaseSparkAction:
 * the session, whether to only plan or list, the run id recorded with what it does, and the clock
 * ages and quiet periods are measured from.
 *
 * @param <T> the action itself, so the setters chain
 */
public abstract class BaseAction<T extends BaseAction<T>> {
  protected final LakehouseSession session;
  protected boolean dryRun;
  protected String runId = "adhoc";
  protected Clock clock = Clock.systemUTC();

  protected BaseAction(LakehouseSession session) {
    this.session = session;
  }

  protected abstract T self();

  /** Plan or list only; change nothing. */
  public T dryRun(boolean planOnly) {
    this.dryRun = planOnly;
    return self();
  }

  /** Recorded with what the run does (snapshot summaries, quarantine folders, job groups). */
  public T runId(String id) {
    this.runId = id;
    return self();
  }

  /** The "now" ages and quiet periods are measured back from. */
  public T clock(Clock now) {
    this.clock = now;
    return self();
  }
}
