package io.historylane.bench;

import io.historylane.backfill.dims.DimensionBackfill;
import io.historylane.backfill.dims.DimensionBackfillResult;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;
import io.historylane.testdata.DimensionHistoryStream;
import io.historylane.testdata.TableDef;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code bench/run scd2 [--keys-small N] [--keys-large N] [--runs N] [--full-runs N]}: issue 4's
 * dimension benchmark. Two employees dimensions, of 500,000 and 2,000,000 keys with about three
 * versions each, are built in full from generated archives; then one day that changes 10,000 keys
 * is applied to each as an incremental backfill of that day. Goals: the incremental run at 2 M
 * takes at most 1.5 times as long as at 500 k, and at most a quarter of the full rebuild at 2 M.
 *
 * <p>The full builds run on a dropped table ({@code range} all, as of the end of the day before the
 * change day); the first, at 500 k, warms the JVM up. Each incremental run starts from the full
 * build's snapshot (the table is rolled back to it, metadata only), after one warm-up round; rounds
 * alternate the two sizes and the best run of each counts.
 */
final class Scd2Bench implements Benchmark {
  static final double GROWTH_GOAL = 1.5;
  static final double INCREMENTAL_VS_FULL_GOAL = 0.25;
  private static final long SEED = 4;
  private static final LocalDate START = LocalDate.of(2025, 1, 1);
  private static final int DAYS = 60;
  private static final double CHANGES_PER_KEY = 3.5;

  /** One dimension size: its table, its archive and its runs. */
  private static final class Size {
    final String label;
    final int keys;
    final String table;
    DimensionHistoryStream.Written written;
    BenchContext.Timed<DimensionHistoryStream.Written> generated;
    final TimedRuns<DimensionBackfillResult> full = new TimedRuns<>();
    final TimedRuns<DimensionBackfillResult> incremental = new TimedRuns<>();
    long baseSnapshot;
    long versions;

    Size(String label, int keys) {
      this.label = label;
      this.keys = keys;
      this.table = "bench_dim_" + label;
    }

    TableDef source() {
      return DimensionHistoryStream.employeesNamed("employees_" + label);
    }
  }

  @Override
  public Map<String, Object> run(BenchContext context, String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args, "--keys-small", "--keys-large", "--runs", "--full-runs", "--changed");
    int changed = (int) options.number("--changed", 10_000);
    int runs = (int) options.number("--runs", 3);
    int fullRuns = (int) options.number("--full-runs", 2);
    Size small = new Size("500k", (int) options.number("--keys-small", 500_000));
    Size large = new Size("2m", (int) options.number("--keys-large", 2_000_000));
    List<Size> sizes = List.of(small, large);
    Path archive = context.work().resolve("archive");
    StringBuilder overlay = new StringBuilder("# bench/run scd2: employees dimensions over the generated archives\n"
        + "archive:\n  root: " + archive.toAbsolutePath() + "\ntables:\n");
    for (Size size : sizes) {
      DimensionHistoryStream.Settings settings = new DimensionHistoryStream.Settings(SEED, size.keys, START, DAYS,
          CHANGES_PER_KEY, changed);
      size.generated = context.timed("generate the " + size.label + " archive",
          () -> new DimensionHistoryStream(settings, size.source()).write(archive));
      size.written = size.generated.value();
      overlay.append(tableConfig(size));
    }
    LakehouseSession session = context.withOverlay("bench-scd2", overlay.toString());
    LocalDate changeDay = small.written.changeDay();
    Instant baseAsOf = changeDay.atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);

    for (Size size : sizes) {
      int builds = size == large ? fullRuns : 1;
      for (int run = 1; run <= builds; run++) {
        drop(session, size);
        String runId = "bench-full-" + size.label + "-" + run;
        size.full.add(context.timed("full build " + size.label + " run " + run, () -> DimensionBackfill.in(session)
            .table(size.table).range(DateRange.ALL).asOf(baseAsOf).runId(runId).execute()));
      }
      Table built = session.icebergTable(session.config().table(size.table).iceberg());
      size.baseSnapshot = built.currentSnapshot().snapshotId();
      Dataset<Row> versions = session.spark().table(session.icebergCatalogName() + "." + session.config().table(size.table).iceberg());
      size.versions = versions.count();
    }
    for (int round = 0; round <= runs; round++) {
      for (Size size : sizes) {
        Table table = session.icebergTable(session.config().table(size.table).iceberg());
        table.manageSnapshots().setCurrentSnapshot(size.baseSnapshot).commit();
        String runId = "bench-incremental-" + size.label + "-" + round;
        BenchContext.Timed<DimensionBackfillResult> run = context.timed("incremental " + size.label + " round " + round,
            () -> DimensionBackfill.in(session).table(size.table).range(DateRange.ofDay(changeDay)).runId(runId).execute());
        requireApplied(run.value(), changed);
        if (round > 0) {
          size.incremental.add(run);
        }
      }
    }

    double growth = (double) large.incremental.best().millis() / small.incremental.best().millis();
    double incrementalVsFull = (double) large.incremental.best().millis() / large.full.best().millis();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("what", "employees dimensions of 500 k and 2 M keys built in full, then one day changing " + changed
        + " keys applied incrementally to each");
    figures.put("change_day", changeDay.toString());
    figures.put("generator", Map.of("seed", SEED, "streaming", START + ", " + DAYS + " days", "changes_per_key",
        CHANGES_PER_KEY, "keys_changed_on_change_day", changed));
    for (Size size : sizes) {
      figures.put("dimension_" + size.label, sizeFigures(size));
    }
    figures.put("scd2_growth_ratio", TimedRuns.round(growth));
    figures.put("scd2_incremental_vs_full_ratio", TimedRuns.round(incrementalVsFull));
    figures.put("goals", Map.of("scd2_growth_ratio", "<= " + GROWTH_GOAL,
        "scd2_incremental_vs_full_ratio", "<= " + INCREMENTAL_VS_FULL_GOAL));
    figures.put("goal_met", growth <= GROWTH_GOAL && incrementalVsFull <= INCREMENTAL_VS_FULL_GOAL);
    figures.put("full_build_does", "DimensionBackfill over all of history (as of the end of the day before the change day)"
        + " into a dropped table: read every archive file, resolve each key's state per commit time, build every key's"
        + " versions, check them against every invariant, append them to the new table");
    figures.put("incremental_does", "DimensionBackfill of the change day: read the files that can hold its changes (the"
        + " day and the late-update horizon after it), resolve the changed keys' states, read their versions from the"
        + " table with their data files and positions, rebuild and stitch their segments, check the changed keys' new"
        + " versions against every invariant, append the new versions and delete the replaced ones by position");
    figures.put("load_average_at_end", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return figures;
  }

  private static String tableConfig(Size size) {
    return """
          %s:
            kind: scd2
            iceberg: bench.dim_employee_%s
            source: {debezium: {topic: %s}}
            keys: [employee_id]
            tracked: [role, commission_rate, provider_id]
            type1: [full_name, email, hired_on]
            ignored: [updated_at]
        """.formatted(size.table, size.label, size.source().topic());
  }

  private static Map<String, Object> sizeFigures(Size size) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("keys", size.keys);
    out.put("versions", size.versions);
    out.put("versions_per_key", TimedRuns.round((double) size.versions / size.keys));
    out.put("events", size.written.archive().records());
    out.put("archive_files", size.written.archive().files());
    out.put("archive_bytes", size.written.archive().bytes());
    out.put("generate_seconds", TimedRuns.seconds(size.generated.millis()));
    out.put("full_build", runFigures(size.full));
    out.put("incremental", runFigures(size.incremental));
    return out;
  }

  private static Map<String, Object> runFigures(TimedRuns<DimensionBackfillResult> runs) {
    DimensionBackfillResult r = runs.best().value();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("keys_changed", r.keysChanged());
    out.put("versions_written", r.versionsWritten());
    out.put("versions_removed", r.versionsRemoved());
    out.put("files_read", r.sourceFiles());
    out.put("bytes_read", r.sourceBytes());
    return runs.figures(out);
  }

  private static void drop(LakehouseSession session, Size size) {
    session.icebergCatalog().dropTable(TableIdentifier.parse(session.config().table(size.table).iceberg()), true);
  }

  /** The increment must really have been applied, and the table must hold its invariants. */
  private static void requireApplied(DimensionBackfillResult result, int changed) {
    if (result.keysChanged() != changed || !result.changed() || !result.verification().passed()) {
      throw new IllegalStateException("the incremental run of " + result.table() + " did not apply the change day: "
          + result.keysChanged() + " keys changed, " + result.versionsWritten() + " versions written, verification "
          + result.verification());
    }
  }
}
