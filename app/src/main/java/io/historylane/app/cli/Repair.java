package io.historylane.app.cli;

import io.historylane.backfill.dims.DimensionBackfill;
import io.historylane.backfill.dims.DimensionBackfillResult;
import io.historylane.backfill.facts.DayStats;
import io.historylane.backfill.facts.FactBackfill;
import io.historylane.backfill.facts.FactBackfillResult;
import io.historylane.compaction.CompactTable;
import io.historylane.compaction.TableCompaction;
import io.historylane.compaction.plan.TablePlan;
import io.historylane.core.config.TableConfig;
import io.historylane.core.config.TableKind;
import io.historylane.core.error.HistorylaneException;
import io.historylane.core.report.ChangeKind;
import io.historylane.core.report.ChangeSet;
import io.historylane.core.report.Outcome;
import io.historylane.core.report.TableChange;
import io.historylane.core.time.DateRange;
import io.historylane.starrocks.RefreshPlanner;
import io.historylane.starrocks.RefreshStatement;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An on-call repair of tables for a date range: backfill (facts and dimensions as configured) ->
 * compact the touched partitions -> refresh StarRocks. It prints the plan of every step with its
 * counts first, then applies the steps in order, recording each finished step and what it changed
 * under the repair id (operations table {@code repair_steps}); it stops at the first failed step
 * saying which and how to resume, and a rerun with the same repair id skips the finished steps.
 */
final class Repair {
  private static final Logger LOG = LoggerFactory.getLogger(Repair.class);
  static final String REFRESH = "refresh";

  private final RunContext ctx;
  private final List<String> tables;
  private final DateRange range;
  private final String repairId;
  private final boolean skipBadRecords;
  private final RepairLedger ledger;

  Repair(RunContext ctx, List<String> tables, DateRange range, String repairId, boolean skipBadRecords) {
    this.ctx = ctx;
    this.tables = List.copyOf(tables);
    this.range = range;
    this.repairId = repairId;
    this.skipBadRecords = skipBadRecords;
    this.ledger = new RepairLedger(ctx.session(), repairId);
  }

  /** The steps, in order: every backfill, every compaction, the StarRocks refresh. */
  List<String> steps() {
    List<String> steps = new ArrayList<>();
    for (String table : tables) {
      if (ctx.config().table(table).kind() != TableKind.TABLE) {
        steps.add("backfill:" + table);
      }
    }
    tables.forEach(t -> steps.add("compact:" + t));
    steps.add(REFRESH);
    return steps;
  }

  /** Prints every step's plan with its counts, changing nothing. */
  void plan(PrintStream out) {
    Map<String, RepairLedger.Done> finished = ledger.finished();
    out.printf("repair %s of %s %s: the plan%n", repairId, String.join(", ", tables), range);
    ChangeSet expected = ChangeSet.EMPTY;
    int n = 0;
    for (String step : steps()) {
      n++;
      RepairLedger.Done done = finished.get(step);
      String note = done == null ? "" : "  [done by run " + done.runId() + ": will be skipped]";
      if (step.equals(REFRESH)) {
        printRefreshPlan(out, n, expected, note);
        continue;
      }
      if (done != null) {
        // planning a finished step again would read its whole range to find nothing left to do;
        // what it changed still has to reach StarRocks
        expected = expected.plus(RepairLedger.changes(done));
        out.printf("%d. %s%s%n", n, step.replace(':', ' '), note);
        continue;
      }
      String table = step.substring(step.indexOf(':') + 1);
      TableConfig config = ctx.config().table(table);
      if (step.startsWith("backfill:") && config.kind() == TableKind.FACT) {
        FactBackfillResult plan = factBackfill(table).dryRun(true).execute();
        if (!plan.changedDays().isEmpty()) {
          expected = expected.plus(new TableChange(table, config.identifier(), "iceberg", ChangeKind.DATA,
              plan.changedDays(), null));
        }
        out.printf("%d. backfill facts %s: %d of %d days differ from the history, %d rows to write (%d rows in the"
            + " history for the range, %d in the table)%n", n, table, plan.changedDays().size(), range.days(),
            plan.rowsWritten(), plan.days().stream().mapToLong(DayStats::sourceRows).sum(),
            plan.days().stream().mapToLong(DayStats::currentRows).sum());
        plan.days().stream().filter(DayStats::changed).forEach(d -> out.printf("     %s  history %d rows, table %d rows%n",
            d.day(), d.sourceRows(), d.currentRows()));
      } else if (step.startsWith("backfill:")) {
        DimensionBackfillResult plan = dimensionBackfill(table).dryRun(true).execute();
        if (plan.versionsWritten() + plan.versionsRemoved() > 0) {
          expected = expected.plus(new TableChange(table, config.identifier(), "iceberg", ChangeKind.DATA, List.of(),
              null));
        }
        out.printf("%d. backfill dims %s: %d keys changed in the range, %d versions to write, %d to remove%n", n, table,
            plan.keysChanged(), plan.versionsWritten(), plan.versionsRemoved());
      } else if (config.isIceberg() && !ctx.session().icebergTableExists(config.iceberg())) {
        out.printf("%d. compact %s: the table does not exist yet; its new files are looked at after the backfill%n", n,
            table);
      } else {
        TablePlan plan = compaction(table).dryRun(true).execute().plan();
        out.printf("%d. compact %s: now %d files (%d MiB) in %d partitions; %d partitions worth compacting, %d MiB to"
            + " rewrite (partitions the backfill rewrites are looked at again after it)%n", n, table, plan.filesBefore(),
            plan.bytesBefore() >> 20, plan.partitions().size(), plan.withWork().size(), plan.bytesToRewrite() >> 20);
      }
    }
  }

  private void printRefreshPlan(PrintStream out, int n, ChangeSet expected, String note) {
    if (ctx.config().starrocks() == null) {
      out.printf("%d. refresh StarRocks: not configured, nothing to send%s%n", n, note);
      return;
    }
    List<RefreshStatement> statements = RefreshPlanner.of(ctx.config()).plan(expected).statements();
    out.printf("%d. refresh StarRocks: %d statement(s) for the data changes, plus an external-table refresh of any"
        + " table compaction rewrites%s%n", n, statements.size(), note);
    statements.forEach(s -> out.println("     " + s.sql()));
  }

  /**
   * Applies the steps not finished before, in order. A failing step stops the repair with its
   * exit code and a message naming the step and the resume command; a refresh that does not fully
   * succeed ends it FOLLOW_UP_FAILED (exit 3), to be resumed the same way.
   */
  Outcome apply(PrintStream out) {
    Map<String, RepairLedger.Done> finished = ledger.finished();
    for (String step : steps()) {
      RepairLedger.Done done = finished.get(step);
      if (done != null) {
        ctx.recorder().change(RepairLedger.changes(done));
        out.printf("repair %s: %s was done by run %s: skipped%n", repairId, step, done.runId());
        continue;
      }
      if (step.equals(REFRESH)) {
        Outcome refreshed = ctx.recorder().step("repair " + step, () -> StarRocksFollowUp.afterCommit(ctx, false));
        if (refreshed == Outcome.FOLLOW_UP_FAILED) {
          out.printf("repair %s: the StarRocks refresh did not finish; resume with: %s%n", repairId, resumeCommand());
          return Outcome.FOLLOW_UP_FAILED;
        }
        ledger.finish(step, ctx.recorder().runId(), ChangeSet.EMPTY, "StarRocks told");
        continue;
      }
      ChangeSet changes;
      try {
        changes = ctx.recorder().step("repair " + step, () -> run(step, out));
      } catch (HistorylaneException e) {
        throw new RepairStepFailed(repairId, step, resumeCommand(), e);
      }
      ledger.finish(step, ctx.recorder().runId(), changes, step + " done");
      LOG.info("repair {}: step {} done", repairId, step);
    }
    return Outcome.SUCCEEDED;
  }

  /** Runs one step, records it in the report and returns what it changed. */
  private ChangeSet run(String step, PrintStream out) {
    String table = step.substring(step.indexOf(':') + 1);
    TableConfig config = ctx.config().table(table);
    if (step.startsWith("backfill:") && config.kind() == TableKind.FACT) {
      FactBackfillResult r = factBackfill(table).execute();
      BackfillReports.record(ctx.recorder(), r);
      BackfillReports.print(out, r);
      return BackfillReports.changes(r);
    }
    if (step.startsWith("backfill:")) {
      DimensionBackfillResult r = dimensionBackfill(table).execute();
      DimensionReports.record(ctx.recorder(), r);
      DimensionReports.print(out, r);
      return DimensionReports.changes(r);
    }
    TableCompaction r = compaction(table).execute();
    CompactionReports.record(ctx.recorder(), r);
    CompactionReports.print(out, r);
    return CompactionReports.changes(r);
  }

  private FactBackfill factBackfill(String table) {
    return FactBackfill.in(ctx.session()).table(table).range(range).skipBadRecords(skipBadRecords)
        .runId(ctx.recorder().runId());
  }

  private DimensionBackfill dimensionBackfill(String table) {
    return DimensionBackfill.in(ctx.session()).table(table).range(range).skipBadRecords(skipBadRecords)
        .runId(ctx.recorder().runId());
  }

  /** Facts: the range's day partitions; dimensions and other tables: the whole table. */
  private CompactTable compaction(String table) {
    TableConfig config = ctx.config().table(table);
    return CompactTable.of(ctx.session(), table).range(config.kind() == TableKind.FACT ? range : null)
        .runId(ctx.recorder().runId());
  }

  String resumeCommand() {
    return "historylane repair --tables " + String.join(",", tables) + " --from " + range.from() + " --to " + range.to()
        + " --repair-id " + repairId;
  }
}
