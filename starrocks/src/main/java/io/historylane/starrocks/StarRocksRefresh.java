package io.historylane.starrocks;

import io.historylane.core.config.StarRocksConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a refresh plan to StarRocks, statement by statement, and says how each ended. In SYNC
 * mode a materialized-view refresh returns when its task run has ended; in ASYNC mode its task run
 * is watched in information_schema.task_runs. A failed statement does not stop the others, except
 * that an MV whose external table could not be refreshed is skipped, and after a connection or
 * login failure nothing more is sent. An empty plan or a dry run opens no connection.
 *
 * <pre>
 * RefreshResult result = StarRocksRefresh.to(config.starrocks()).plan(plan).activate(true).execute();
 * </pre>
 */
public final class StarRocksRefresh {
  private static final Logger LOG = LoggerFactory.getLogger(StarRocksRefresh.class);

  private final StarRocksConfig config;
  private RefreshPlan plan = new RefreshPlan(List.of());
  private boolean activate;
  private boolean dryRun;

  private StarRocksRefresh(StarRocksConfig config) {
    this.config = Objects.requireNonNull(config, "starrocks config");
  }

  public static StarRocksRefresh to(StarRocksConfig config) {
    return new StarRocksRefresh(config);
  }

  public StarRocksRefresh plan(RefreshPlan newPlan) {
    this.plan = newPlan;
    return this;
  }

  /** Re-activate an MV that StarRocks reports inactive, then refresh it. */
  public StarRocksRefresh activate(boolean newActivate) {
    this.activate = newActivate;
    return this;
  }

  /** Send nothing; every statement is reported as planned. */
  public StarRocksRefresh dryRun(boolean newDryRun) {
    this.dryRun = newDryRun;
    return this;
  }

  public RefreshResult execute() {
    long start = System.nanoTime();
    List<StatementOutcome> outcomes = new ArrayList<>();
    if (dryRun) {
      plan.statements().forEach(s -> outcomes.add(StatementOutcome.planned(s.sql())));
      return new RefreshResult(true, outcomes, 0);
    }
    if (plan.isEmpty()) {
      return new RefreshResult(false, outcomes, 0);
    }
    try (StarRocksSession session = new StarRocksSession(config)) {
      Set<SqlName> failedTables = new HashSet<>();
      StarRocksError fatal = null;
      for (RefreshStatement statement : plan.statements()) {
        SqlName stale = statement.reads().stream().filter(failedTables::contains).findFirst().orElse(null);
        if (fatal != null || stale != null) {
          outcomes.add(StatementOutcome.skipped(statement.sql(),
              "not sent: " + (fatal != null ? fatal.message() : "the refresh of " + stale + " failed")));
          continue;
        }
        Sent sent = send(session, statement);
        outcomes.addAll(sent.outcomes());
        if (sent.error() != null) {
          failedTables.add(statement.target());
          fatal = sent.error().stopsTheRun() ? sent.error() : null;
        }
      }
    }
    return new RefreshResult(false, outcomes, millisSince(start));
  }

  /** What sending one plan statement produced: its outcomes and, if it did not succeed, why. */
  private record Sent(List<StatementOutcome> outcomes, StarRocksError error) {}

  /** One statement, plus the activation and the second try when an inactive MV is re-activated. */
  private Sent send(StarRocksSession session, RefreshStatement statement) {
    Sent first = sendOnce(session, statement);
    if (first.error() == null || !activate || first.error().kind() != StarRocksError.Kind.INACTIVE_MV) {
      return first;
    }
    long start = System.nanoTime();
    String activation = statement.activateSql();
    List<StatementOutcome> outcomes = new ArrayList<>(first.outcomes());
    try {
      LOG.info("StarRocks: {}", activation);
      session.execute(activation);
      outcomes.add(StatementOutcome.succeeded(activation, null, millisSince(start)));
    } catch (StarRocksException e) {
      outcomes.add(StatementOutcome.failed(activation, e.error(), statement.target().toString(), null, millisSince(start)));
      return new Sent(outcomes, e.error());
    }
    Sent again = sendOnce(session, statement);
    outcomes.addAll(again.outcomes());
    return new Sent(outcomes, again.error());
  }

  private Sent sendOnce(StarRocksSession session, RefreshStatement statement) {
    long start = System.nanoTime();
    String target = statement.target().toString();
    StarRocksError error = null;
    String taskRunId = null;
    try {
      LOG.info("StarRocks: {}", statement.sql());
      taskRunId = session.execute(statement.sql());
      if (statement.kind() == RefreshStatement.Kind.MATERIALIZED_VIEW && config.mode() == StarRocksConfig.Mode.ASYNC
          && taskRunId != null) {
        error = new TaskRunWatcher(session, config.pollInterval(), config.refreshTimeout()).await(taskRunId, target);
      }
    } catch (StarRocksException e) {
      error = e.error();
    }
    if (error != null) {
      LOG.warn("StarRocks: {} failed: {}", statement.sql(), error.message());
      return new Sent(List.of(StatementOutcome.failed(statement.sql(), error, target, taskRunId, millisSince(start))), error);
    }
    LOG.info("StarRocks: {} succeeded in {} ms", statement.sql(), millisSince(start));
    return new Sent(List.of(StatementOutcome.succeeded(statement.sql(), taskRunId, millisSince(start))), null);
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
