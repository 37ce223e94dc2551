package io.historylane.starrocks;

import java.util.List;

/**
 * What a refresh did, statement by statement, in the order sent. Immutable; run reports store it
 * whole under {@code details.starrocks_refresh}.
 */
public record RefreshResult(boolean dryRun, List<StatementOutcome> statements, long durationMs) {
  public RefreshResult {
    statements = List.copyOf(statements);
  }

  /** True when every statement succeeded (or, in a dry run, was planned); also for an empty plan. */
  public boolean allSucceeded() {
    return statements.stream().allMatch(StatementOutcome::succeeded);
  }

  /** The statements that failed or were not sent because of an earlier failure. */
  public List<StatementOutcome> unfinished() {
    return statements.stream().filter(s -> !s.succeeded()).toList();
  }
}
