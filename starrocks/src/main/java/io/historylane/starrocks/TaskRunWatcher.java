package io.historylane.starrocks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Waits for an asynchronous materialized-view refresh by polling information_schema.task_runs: first
 * by the QUERY_ID the refresh returned, then, once the run names its JOB_ID, by the job, because one
 * refresh can split into several task runs (partition_refresh_number). Polls back off; the wait ends
 * when every run of the job is SUCCESS, FAILED or MERGED, or at {@code starrocks.refresh-timeout}.
 */
final class TaskRunWatcher {
  static final String BY_QUERY_ID = "SELECT QUERY_ID, JOB_ID, STATE, ERROR_CODE, ERROR_MESSAGE"
      + " FROM information_schema.task_runs WHERE QUERY_ID = ?";
  static final String BY_JOB_ID = "SELECT QUERY_ID, JOB_ID, STATE, ERROR_CODE, ERROR_MESSAGE"
      + " FROM information_schema.task_runs WHERE JOB_ID = ?";
  private static final Set<String> FINISHED = Set.of("SUCCESS", "FAILED", "MERGED");

  private final StarRocksSession session;
  private final Duration pollInterval;
  private final Duration timeout;

  TaskRunWatcher(StarRocksSession session, Duration pollInterval, Duration timeout) {
    this.session = session;
    this.pollInterval = pollInterval;
    this.timeout = timeout;
  }

  /** Returns null when the refresh succeeded, else why it did not. */
  StarRocksError await(String queryId, String target) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Backoff backoff = new Backoff(pollInterval, pollInterval.multipliedBy(8));
    String jobId = null;
    String lastState = "PENDING";
    while (true) {
      List<Map<String, String>> runs = jobId == null
          ? session.query(BY_QUERY_ID, queryId) : session.query(BY_JOB_ID, jobId);
      for (Map<String, String> run : runs) {
        if ("FAILED".equals(run.get("STATE"))) {
          return StarRocksError.refreshFailed(run.get("ERROR_CODE"), "task run " + run.get("QUERY_ID")
              + " of " + target + " FAILED: " + run.get("ERROR_MESSAGE"));
        }
      }
      // a run not listed yet is still pending
      boolean done = !runs.isEmpty() && runs.stream().allMatch(r -> FINISHED.contains(r.get("STATE")));
      if (done && (jobId != null || blank(runs.get(0).get("JOB_ID")))) {
        return null;
      }
      if (!runs.isEmpty()) {
        lastState = runs.get(runs.size() - 1).get("STATE");
        String job = runs.get(0).get("JOB_ID");
        if (jobId == null && !blank(job)) {
          jobId = job;
          // the job may hold more runs than the one just seen: look at all of them before deciding
          continue;
        }
      }
      if (System.nanoTime() > deadline) {
        return StarRocksError.refreshFailed(null, "task run " + queryId + " of " + target + " still " + lastState
            + " after refresh-timeout " + timeout + "; StarRocks carries on with it");
      }
      backoff.pause();
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
