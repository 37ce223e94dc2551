package io.historylane.app.cli;

import io.historylane.core.config.StarRocksConfig;
import io.historylane.core.error.HistorylaneException;
import io.historylane.core.report.ChangeSet;
import io.historylane.core.report.Outcome;
import io.historylane.starrocks.RefreshPlanner;
import io.historylane.starrocks.RefreshResult;
import io.historylane.starrocks.StarRocksRefresh;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every committing command does after its commit: tell StarRocks what the run's change set
 * changed. Data is committed by then, so a refresh that fails does not fail the run: it ends
 * FOLLOW_UP_FAILED (exit 3), the report lists the statements, and {@code historylane refresh
 * --report <this run's report>} finishes the job.
 */
final class StarRocksFollowUp {
  private static final Logger LOG = LoggerFactory.getLogger(StarRocksFollowUp.class);

  private StarRocksFollowUp() {}

  static Outcome afterCommit(RunContext ctx, boolean noRefresh) {
    ChangeSet changes = ctx.recorder().changeSet();
    StarRocksConfig starrocks = ctx.config().starrocks();
    if (starrocks == null) {
      LOG.info("StarRocks is not configured (no starrocks: section): nothing to refresh");
      return Outcome.SUCCEEDED;
    }
    if (changes.isEmpty()) {
      LOG.info("nothing changed: StarRocks is told nothing");
      return Outcome.SUCCEEDED;
    }
    if (noRefresh) {
      ctx.out().println("StarRocks not refreshed (--no-refresh); to refresh: historylane refresh --report " + ctx.reportFile());
      return Outcome.SUCCEEDED;
    }
    RefreshResult result;
    try {
      result = ctx.recorder().step("starrocks refresh", () ->
          StarRocksRefresh.to(starrocks).plan(RefreshPlanner.of(ctx.config()).plan(changes)).execute());
    } catch (HistorylaneException e) {
      ctx.recorder().detail("starrocks_refresh", Map.of("error", e.getMessage()));
      ctx.err().println("data committed, but StarRocks was not refreshed: " + e.getMessage());
      ctx.err().println("fix it, then run: historylane refresh --report " + ctx.reportFile());
      return Outcome.FOLLOW_UP_FAILED;
    }
    ctx.recorder().detail("starrocks_refresh", result);
    RefreshPrinter.print(ctx.out(), result);
    if (result.allSucceeded()) {
      return Outcome.SUCCEEDED;
    }
    ctx.err().println("data committed, but " + RefreshPrinter.unfinished(result));
    ctx.err().println("to finish the refresh: historylane refresh --report " + ctx.reportFile());
    return Outcome.FOLLOW_UP_FAILED;
  }
}
