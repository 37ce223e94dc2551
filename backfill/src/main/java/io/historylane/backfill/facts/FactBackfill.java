package io.historylane.backfill.facts;

import io.historylane.core.lake.SnapshotProperties;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.historylane.backfill.common.ChangeAggregate;
import io.historylane.backfill.common.HistorySource;
import io.historylane.backfill.common.HistoryChecks;
import io.historylane.backfill.common.IcebergTables;
import io.historylane.backfill.source.ChangeColumns;
import io.historylane.backfill.source.ChangeStream;
import io.historylane.core.config.TableConfig;
import io.historylane.core.config.TableKind;
import io.historylane.core.error.BadInputException;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.error.Unchecked;
import io.historylane.core.lake.TableChecksum;
import io.historylane.core.lake.WapBranch;
import io.historylane.core.session.JobGroup;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;
import io.historylane.core.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a date range of a long-term fact table from change history (cdc-and-scd2.md, "Facts"):
 * every row is the latest state of its source row as of the cut-off, in the day of its event time;
 * deleted rows are absent. In the style of Iceberg's SparkActions: configure, {@link #execute()},
 * read the immutable {@link FactBackfillResult}.
 *
 * <ol>
 *   <li>Plan: list the inputs that can hold each chunk's rows and fingerprint them; chunks this
 *       range committed before from the same inputs are skipped without reading (a rerun after a
 *       crash resumes).
 *   <li>Read the rest once: the state of every key, rejected records, truncates.
 *   <li>Compare, per day, the rows and checksum the history gives with what the table holds; only
 *       days that differ are rewritten, so a rerun with nothing new commits nothing.
 *   <li>Commit chunk by chunk with overwrite-by-filter on the changed days, validated from the
 *       snapshot the plan read: a concurrent commit into those days fails the chunk, it is never
 *       silently overwritten. Each commit's summary records run, range, chunk and fingerprint.
 *   <li>With write-audit-publish, commits go to a branch, which is audited and then fast-forwarded
 *       onto main; a failed audit leaves main untouched and the branch for inspection.
 * </ol>
 */
public final class FactBackfill {
  private static final Logger LOG = LoggerFactory.getLogger(FactBackfill.class);

  private final LakehouseSession session;
  private String tableName;
  private DateRange range;
  private Instant asOf;
  private boolean dryRun;
  private boolean skipBadRecords;
  private String runId = "adhoc";

  private FactBackfill(LakehouseSession session) {
    this.session = session;
  }

  public static FactBackfill in(LakehouseSession session) {
    return new FactBackfill(session);
  }

  public FactBackfill table(String name) {
    this.tableName = name;
    return this;
  }

  public FactBackfill range(DateRange dates) {
    this.range = dates;
    return this;
  }

  /** The cut-off: changes committed after it are ignored. Null (the default) means now. */
  public FactBackfill asOf(Instant cutOff) {
    this.asOf = cutOff;
    return this;
  }

  public FactBackfill dryRun(boolean plan) {
    this.dryRun = plan;
    return this;
  }

  public FactBackfill skipBadRecords(boolean skip) {
    this.skipBadRecords = skip;
    return this;
  }

  public FactBackfill runId(String id) {
    this.runId = id;
    return this;
  }

  public FactBackfillResult execute() {
    TableConfig config = session.config().table(tableName);
    if (config.kind() != TableKind.FACT) {
      throw new BadInputException("tables." + tableName + " is a " + config.kind().configName()
          + " table, not a fact: use `backfill dims` for dimensions");
    }
    return new Run(config).execute();
  }

  /** One execution: the state a run builds up, step by step. */
  private final class Run {
    private final TableConfig config;
    private final FactTable table;
    private final String branch;
    private final List<ChunkOutcome> outcomes = new ArrayList<>();
    private final List<DayStats> days = new ArrayList<>();
    private final List<String> schemaChanges = new ArrayList<>();
    private final List<Map<String, Object>> truncates = new ArrayList<>();
    private long rejected;
    private String quarantine;

    Run(TableConfig config) {
      this.config = config;
      this.table = new FactTable(session, tableName, config);
      this.branch = config.writeAuditPublish()
          ? "wap_" + range.from().toString().replace("-", "") + "_" + range.to().toString().replace("-", "") : null;
    }

    private String step(String what) {
      return "backfill " + tableName + " " + range + ": " + what;
    }

    FactBackfillResult execute() {
      Table iceberg = table.exists() ? table.load() : null;
      Long mainBefore = head(iceberg, null);
      Long planned = head(iceberg, branch != null && iceberg != null && iceberg.refs().containsKey(branch) ? branch : null);
      String salt = salt();
      HistorySource source;
      List<DateRange> chunks = range.chunks(config.chunk());
      List<DateRange> todo = new ArrayList<>();
      try (JobGroup g = JobGroup.start(session.spark(), runId, step("plan"))) {
        source = HistorySource.forFacts(session, tableName, config, range, asOf, skipBadRecords);
        ChunkLedger ledger = iceberg == null ? null : ChunkLedger.read(iceberg, tableName, range, planned);
        for (DateRange chunk : chunks) {
          ChunkLedger.Entry done = ledger == null ? null : ledger.committed(chunk, source.fingerprint(chunk, salt));
          if (done != null && !dryRun) {
            outcomes.add(new ChunkOutcome(chunk, ChunkOutcome.Status.SKIPPED_SAME_INPUTS, List.of(), 0, done.snapshotId(), 0));
            LOG.info("{}: chunk {} already committed from the same inputs (snapshot {}, run {}): skipped",
                tableName, chunk, done.snapshotId(), done.runId());
          } else {
            todo.add(chunk);
          }
        }
      }
      if (todo.isEmpty()) {
        return result(mainBefore, mainBefore, 0, 0);
      }
      ChangeAggregate state = null;
      try {
        state = readState(source, todo);
        ChangeStream stream = state.stream();
        HistoryChecks.Rejected bad = HistoryChecks.badRecords(state, source.unreadable(), tableName, config, skipBadRecords, dryRun,
            session.config().quarantine().dir(), runId);
        rejected = bad.count();
        quarantine = bad.quarantine();
        truncates.addAll(HistoryChecks.truncates(state, tableName));
        StructType tableSchema = prepareTable(iceberg, stream.dataSchema());
        iceberg = table.exists() ? table.load() : null;
        DataType eventType = stream.dataSchema().apply(config.eventTime()).dataType();
        Dataset<Row> facts = FactTable.project(liveRows(state), tableSchema);
        planDays(iceberg, planned, facts, tableSchema, eventType, todo);
        if (!dryRun && days.stream().anyMatch(DayStats::changed) && branch != null) {
          WapBranch.ensure(iceberg, branch);
        }
        writeChunks(source, salt, planned, facts, eventType, todo);
        Long mainAfter = mainBefore;
        if (!dryRun && iceberg != null) {
          mainAfter = branch != null ? auditAndPublish(iceberg, facts, eventType) : head(table.load(), null);
        }
        return result(mainBefore, mainAfter, stream.plan().files(), stream.plan().bytes());
      } finally {
        if (state != null) {
          state.release();
        }
      }
    }

    /** What besides the inputs shapes the result: the cut-off if given, and the table's definition. */
    private String salt() {
      return "as-of=" + (asOf == null ? "latest" : asOf) + ";keys=" + config.keys() + ";event-time=" + config.eventTime()
          + ";source=" + config.source() + ";v1";
    }

    private Long head(Table t, String ref) {
      if (t == null) {
        return null;
      }
      if (ref == null) {
        Snapshot s = t.currentSnapshot();
        return s == null ? null : s.snapshotId();
      }
      SnapshotRef r = t.refs().get(ref);
      return r == null ? head(t, null) : Long.valueOf(r.snapshotId());
    }

    /** Reads history once for every chunk still to do. */
    private ChangeAggregate readState(HistorySource source, List<DateRange> todo) {
      long cutOff = asOf == null ? Long.MAX_VALUE : asOf.toEpochMilli();
      Column[] keys = config.keys().stream().map(k -> col("`" + k + "`")).toArray(Column[]::new);
      DateRange span = new DateRange(todo.get(0).from(), todo.get(todo.size() - 1).to());
      return source.read(session, runId, tableName, span,
          stream -> ChangeAggregate.compute(stream, List.of(keys), col(ChangeColumns.COMMIT_MS).leq(lit(cutOff))),
          state -> liveRows(state).count());
    }

    /** The live rows: one per key whose last change is not a delete, with the data columns only. */
    private Dataset<Row> liveRows(ChangeAggregate state) {
      Column[] data = java.util.Arrays.stream(state.stream().dataSchema().fieldNames()).map(c -> col("`" + c + "`"))
          .toArray(Column[]::new);
      return state.states().filter(col(ChangeColumns.OP).notEqual("d")).select(data);
    }

    /** Creates or evolves the table (not in a dry run) and returns the schema rows are written with. */
    private StructType prepareTable(Table iceberg, StructType source) {
      table.checkColumns(source);
      if (iceberg == null) {
        if (dryRun) {
          return source;
        }
        LOG.info("{}: creating Iceberg table {}", tableName, table.identifier());
        return FactTable.sparkSchema(table.create(source));
      }
      if (!dryRun) {
        schemaChanges.addAll(IcebergTables.evolve(iceberg, source, tableName));
        if (!schemaChanges.isEmpty()) {
          LOG.info("{}: schema evolved: {}", tableName, schemaChanges);
        }
      }
      return FactTable.sparkSchema(iceberg);
    }

    private void planDays(Table iceberg, Long planned, Dataset<Row> facts, StructType tableSchema, DataType eventType,
        List<DateRange> todo) {
      List<LocalDate> all = todo.stream().flatMap(c -> c.eachDay().stream()).toList();
      try (JobGroup g = JobGroup.start(session.spark(), runId, step("compare " + all.size() + " days with the table"))) {
        boolean tableHasRows = iceberg != null && planned != null;
        // against a table without rows, a day differs exactly when the history gives it rows: no checksums needed
        Map<LocalDate, TableChecksum.Sum> source = tableHasRows ? table.dayStats(facts, all, eventType)
            : table.dayCounts(facts, all, eventType);
        Map<LocalDate, TableChecksum.Sum> current = Map.of();
        if (tableHasRows) {
          Dataset<Row> rows = session.spark().read().option("snapshot-id", planned).table(table.sparkIdentifier(null));
          current = table.dayStats(FactTable.project(rows, tableSchema), all, eventType);
        }
        for (LocalDate day : all) {
          TableChecksum.Sum s = source.getOrDefault(day, TableChecksum.Sum.EMPTY);
          TableChecksum.Sum c = current.getOrDefault(day, TableChecksum.Sum.EMPTY);
          days.add(new DayStats(day, s.rows(), c.rows(), !s.equals(c)));
        }
      }
    }

    private void writeChunks(HistorySource source, String salt, Long planned, Dataset<Row> facts, DataType eventType,
        List<DateRange> todo) {
      long started = System.nanoTime();
      int n = todo.size();
      int skipped = outcomes.size(); // chunks already found committed: numbering counts the whole range
      for (int k = 0; k < n; k++) {
        DateRange chunk = todo.get(k);
        long chunkStart = System.nanoTime();
        List<LocalDate> changed = days.stream().filter(d -> chunk.contains(d.day()) && d.changed()).map(DayStats::day).toList();
        long rows = days.stream().filter(d -> chunk.contains(d.day())).mapToLong(DayStats::rowsToWrite).sum();
        ChunkOutcome outcome;
        if (dryRun) {
          outcome = new ChunkOutcome(chunk, ChunkOutcome.Status.PLANNED, changed, rows, null, 0);
        } else if (changed.isEmpty()) {
          outcome = new ChunkOutcome(chunk, ChunkOutcome.Status.UNCHANGED, List.of(), 0, null, millisSince(chunkStart));
        } else {
          long snapshot = commitChunk(source, salt, planned, facts, eventType, chunk, changed);
          outcome = new ChunkOutcome(chunk, ChunkOutcome.Status.COMMITTED, changed, rows, snapshot, millisSince(chunkStart));
        }
        outcomes.add(outcome);
        long elapsed = millisSince(started);
        long eta = elapsed / (k + 1) * (n - k - 1);
        LOG.info("{}: chunk {}/{} {} {}: {} of {} days changed, {} rows in {} (elapsed {}, about {} to go)", tableName,
            skipped + k + 1, skipped + n, chunk, outcome.status().name().toLowerCase().replace('_', ' '), changed.size(), chunk.days(), rows,
            Durations.humanize(Duration.ofMillis(outcome.durationMs())), Durations.humanize(Duration.ofMillis(elapsed)),
            Durations.humanize(Duration.ofMillis(eta)));
      }
    }

    private long commitChunk(HistorySource source, String salt, Long planned, Dataset<Row> facts, DataType eventType,
        DateRange chunk, List<LocalDate> changed) {
      try (JobGroup g = JobGroup.start(session.spark(), runId, step("write chunk " + chunk + " (" + changed.size() + " days)"))) {
        var writer = facts.filter(table.onDays(changed, eventType)).writeTo(table.sparkIdentifier(branch))
            .option(SnapshotProperties.writeOption(SnapshotProperties.RUN_ID), runId)
            .option(SnapshotProperties.writeOption(SnapshotProperties.TABLE), tableName)
            .option(SnapshotProperties.writeOption(SnapshotProperties.RANGE), range.toString())
            .option(SnapshotProperties.writeOption(SnapshotProperties.CHUNK), chunk.toString())
            .option(SnapshotProperties.writeOption(SnapshotProperties.FINGERPRINT), source.fingerprint(chunk, salt))
            .option(SnapshotProperties.writeOption(SnapshotProperties.DAYS), changed.toString())
            .option("isolation-level", "serializable");
        if (planned != null) {
          writer = writer.option("validate-from-snapshot-id", String.valueOf(planned));
        }
        writer.overwrite(table.onDays(changed, eventType));
      } catch (NoSuchTableException e) {
        throw new RunFailedException("table " + table.identifier() + " disappeared during the backfill", e);
      } catch (Exception e) {
        throw conflictOrRethrow(e, chunk, planned);
      }
      Table reloaded = table.load();
      return head(reloaded, branch);
    }

    private RuntimeException conflictOrRethrow(Exception e, DateRange chunk, Long planned) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ValidationException || t instanceof CommitFailedException) {
          long committed = outcomes.stream().filter(o -> o.status() == ChunkOutcome.Status.COMMITTED).count();
          return new RunFailedException("a concurrent commit changed " + table.identifier() + " in " + chunk
              + " after this run planned at snapshot " + planned + " (" + t.getMessage().lines().findFirst().orElse("")
              + "). Nothing of that chunk was written; " + committed + " earlier chunk(s) are committed. Rerun: committed"
              + " chunks are skipped and the rest is rebuilt on top of the other writer's commit", e);
        }
      }
      return Unchecked.rethrow(e);
    }

    /** Audits the branch against the history and publishes it to main, or fails leaving main untouched. */
    private Long auditAndPublish(Table iceberg, Dataset<Row> facts, DataType eventType) {
      Table reloaded = table.load();
      if (!reloaded.refs().containsKey(branch)) {
        return head(reloaded, null);
      }
      List<LocalDate> checked = days.stream().filter(DayStats::changed).map(DayStats::day).toList();
      try (JobGroup g = JobGroup.start(session.spark(), runId, step("audit branch " + branch))) {
        List<String> failures = FactAudit.audit(session.spark(), table, config, branch, range, checked, days, eventType);
        if (!failures.isEmpty()) {
          throw new RunFailedException("audit of " + table.identifier() + " branch " + branch + " failed: "
              + String.join("; ", failures) + ". Main is untouched; the branch is kept for inspection (SELECT ... FROM "
              + table.sparkIdentifier(null) + " VERSION AS OF '" + branch + "'); publish it anyway with"
              + " `historylane snapshot publish --table " + tableName + " --branch " + branch + "`");
        }
      }
      long main = WapBranch.publish(reloaded, branch);
      LOG.info("{}: audit passed, branch {} published: main is now snapshot {}", tableName, branch, main);
      return main;
    }

    private FactBackfillResult result(Long before, Long after, int files, long bytes) {
      return new FactBackfillResult(tableName, config.iceberg(), range, asOf, dryRun, before, after, outcomes, days,
          files, bytes, rejected, quarantine, truncates, schemaChanges, branch);
    }
  }

  private static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }
}
