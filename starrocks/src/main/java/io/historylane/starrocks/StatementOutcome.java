package io.historylane.starrocks;

/**
 * How one statement ended, as run reports record it.
 *
 * @param sql the statement as sent (or as it would have been, for a dry run or a skipped one)
 * @param errorCode StarRocks' error code, or the task run's ERROR_CODE
 * @param taskRunId the QUERY_ID of a materialized-view refresh's task run
 */
public record StatementOutcome(
    String sql, Status status, Integer errorCode, String sqlState, String error, String advice, String taskRunId,
    long durationMs) {
  public enum Status { SUCCEEDED, FAILED, SKIPPED, PLANNED }

  static StatementOutcome succeeded(String sql, String taskRunId, long durationMs) {
    return new StatementOutcome(sql, Status.SUCCEEDED, null, null, null, null, taskRunId, durationMs);
  }

  static StatementOutcome failed(String sql, StarRocksError e, String target, String taskRunId, long durationMs) {
    return new StatementOutcome(sql, Status.FAILED, e.code() == 0 ? null : e.code(), e.sqlState(), e.message(),
        e.advice(target), taskRunId, durationMs);
  }

  static StatementOutcome skipped(String sql, String why) {
    return new StatementOutcome(sql, Status.SKIPPED, null, null, why, null, null, 0);
  }

  static StatementOutcome planned(String sql) {
    return new StatementOutcome(sql, Status.PLANNED, null, null, null, null, null, 0);
  }

  boolean succeeded() {
    return status == Status.SUCCEEDED || status == Status.PLANNED;
  }
}
