package io.historylane.bench;

import io.historylane.backfill.common.IcebergTables;
import io.historylane.backfill.facts.FactBackfill;
import io.historylane.backfill.facts.FactBackfillResult;
import io.historylane.core.lake.TableChecksum;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;
import io.historylane.testdata.DebeziumArchiveWriter;
import io.historylane.testdata.DebeziumAvroSchemas;
import io.historylane.testdata.HistoryGenerator;
import io.historylane.testdata.SampleDomain;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench/run facts [--scale S] [--runs N] [--chunk C]}: a backfill of the project's sales
 * table over a generated archive of more than 5 million change events (issue 3), against the
 * hand-written job ({@link HandWrittenFactJob}) and a plain Parquet write of the same rows.
 *
 * <p>Both sides read the same files in the same JVM and start from a dropped table each run (a
 * first backfill of the range: historylane's comparison with the table's current content has
 * nothing to read). One warm-up run of each side first (JIT, first Spark queries), then rounds of
 * one run each, alternating; the best run of each side counts.
 */
final class FactsBench implements Benchmark {
  static final long MIN_EVENTS = 5_000_000;
  static final double GOAL = 1.15;
  private static final long SEED = 20250101;
  private static final String TABLE = "sales";
  private static final String BASELINE = "bench.sales_baseline";

  @Override
  public Map<String, Object> run(BenchContext context, String[] args) throws Exception {
    BenchArgs options = new BenchArgs(args, "--scale", "--runs", "--chunk");
    double scale = options.number("--scale", 500);
    int runs = (int) options.number("--runs", 3);
    String chunk = options.text("--chunk", "1mo");
    HistoryGenerator.Settings settings = new HistoryGenerator.Settings(SEED, scale, LocalDate.of(2025, 1, 1),
        LocalDate.of(2025, 4, 1), 7);
    Path archive = context.work().resolve("archive");
    BenchContext.Timed<DebeziumArchiveWriter.Written> generated = context.timed("generate the sales archive",
        () -> new HistoryGenerator(settings).streamSales(archive));
    DebeziumArchiveWriter.Written written = generated.value();
    LakehouseSession session = context.withOverlay("bench-facts", """
        # bench/run facts: the project's sales table over the generated archive
        archive:
          root: %s
        tables:
          sales:
            chunk: %s
        """.formatted(archive.toAbsolutePath(), chunk));
    SparkSession spark = session.spark();
    DateRange range = new DateRange(settings.start().minusDays(settings.preHistoryDays()), settings.end());
    String topic = session.config().table(TABLE).source().debezium().topic();
    List<String> files = avroFiles(archive.resolve(topic));
    String avroSchema = DebeziumAvroSchemas.envelope(SampleDomain.SALES, 2).toString();
    String historylaneTable = session.icebergCatalogName() + "." + session.config().table(TABLE).iceberg();
    String baselineTable = session.icebergCatalogName() + "." + BASELINE;
    long targetFileSize = session.config().table(TABLE).targetFileSize().bytes();
    IcebergTables.ensureNamespace(session, TableIdentifier.parse(BASELINE));

    TimedRuns<FactBackfillResult> historylane = new TimedRuns<>();
    TimedRuns<Void> baseline = new TimedRuns<>();
    for (int run = 0; run <= runs; run++) {
      String label = run == 0 ? "warm-up" : "run " + run;
      String runId = "bench-facts-" + run;
      drop(session, session.config().table(TABLE).iceberg());
      BenchContext.Timed<FactBackfillResult> h = context.timed("historylane " + label,
          () -> FactBackfill.in(session).table(TABLE).range(range).runId(runId).execute());
      drop(session, BASELINE);
      Dataset<Row> rows = HandWrittenFactJob.rows(spark, files, avroSchema, range.from(), range.to());
      HandWrittenFactJob.createTable(session, BASELINE, rows, targetFileSize);
      BenchContext.Timed<Void> b = context.timed("baseline " + label, () -> {
        HandWrittenFactJob.overwrite(rows, baselineTable, range.from(), range.to());
        return null;
      });
      if (run == 0) {
        requireSameContent(spark, historylaneTable, baselineTable);
        requireSameFiles(h.value(), files);
      } else {
        historylane.add(h);
        baseline.add(b);
      }
    }
    FactBackfillResult result = historylane.best().value();

    Dataset<Row> tableRows = spark.table(historylaneTable).cache();
    long rowsInRange = tableRows.count();
    Path parquet = context.work().resolve("parquet");
    TimedRuns<Void> reference = new TimedRuns<>();
    for (int run = 1; run <= 2; run++) {
      reference.add(context.timed("plain Parquet write " + run, () -> {
        tableRows.write().mode(SaveMode.Overwrite).parquet(parquet.toString());
        return null;
      }));
    }
    tableRows.unpersist();

    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("what", "a backfill of sales over " + range + " from a generated Debezium archive, against a"
        + " hand-written Spark job doing the same read, ordering, dedupe and overwrite, and a plain Parquet write");
    figures.put("events", written.records());
    figures.put("events_goal_met", written.records() >= MIN_EVENTS);
    figures.put("archive_files", written.files());
    figures.put("archive_bytes", written.bytes());
    figures.put("generate_seconds", TimedRuns.seconds(generated.millis()));
    figures.put("generator", Map.of("seed", SEED, "scale", scale, "streaming", settings.start() + ".." + settings.end(),
        "snapshot_of_days_before", settings.preHistoryDays()));
    figures.put("range", range.toString());
    figures.put("chunk", chunk);
    figures.put("rows_in_range", rowsInRange);
    figures.put("runs_per_side", runs);
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("events_per_second", historylane.perSecond(written.records()));
    h.put("files_read", result.sourceFiles());
    h.put("bytes_read", result.sourceBytes());
    h.put("days_written", result.changedDays().size());
    h.put("chunks_committed", result.chunks().size());
    h.put("does", "FactBackfill.execute() of the project's sales table (conf/historylane.yaml, chunk " + chunk + "): list"
        + " and inspect the archive files, fingerprint each chunk's inputs, read once, keep each key's last change by"
        + " (lsn, snapshot rank, commit time, position), check bad records and truncates, rows (and checksums when the"
        + " table has rows) per day, one overwrite-by-filter commit per chunk validated from the planned snapshot,"
        + " with the chunk's run, range and fingerprint in the snapshot summary");
    figures.put("historylane", historylane.figures(h));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("events_per_second", baseline.perSecond(written.records()));
    b.put("files_read", files.size());
    b.put("bytes_read", result.sourceBytes());
    b.put("does", "HandWrittenFactJob: spark-avro read of the same files with the topic's newest schema, row_number over"
        + " sale_id ordered by (source.lsn, snapshot rank, source.ts_ms) desc, keep the first unless a delete, convert"
        + " Debezium's types, one overwrite-by-filter of the range into an Iceberg table partitioned, sorted and"
        + " distributed like historylane's");
    figures.put("baseline", baseline.figures(b));
    figures.put("parquet_reference", reference.figures(Map.of("rows_per_second", reference.perSecond(rowsInRange),
        "does", "the range's final rows, cached in memory, written as plain Parquet files (no partitioning, no sort, no"
            + " table): the physical floor of the write")));
    double ratio = (double) historylane.best().millis() / baseline.best().millis();
    figures.put("facts_vs_baseline_ratio", TimedRuns.round(ratio));
    figures.put("facts_vs_baseline_cpu_ratio", TimedRuns.round((double) historylane.leastCpuMillis() / baseline.leastCpuMillis()));
    figures.put("facts_vs_parquet_ratio", TimedRuns.round((double) historylane.best().millis() / reference.best().millis()));
    figures.put("goal", "facts_vs_baseline_ratio <= " + GOAL);
    figures.put("goal_met", ratio <= GOAL);
    figures.put("same_content", true);
    figures.put("load_average_at_end", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return figures;
  }

  private static void drop(LakehouseSession session, String identifier) {
    session.icebergCatalog().dropTable(TableIdentifier.parse(identifier), true);
  }

  /** Both sides must have written the same rows, or the comparison means nothing. */
  private static void requireSameContent(SparkSession spark, String a, String b) {
    TableChecksum.Sum x = TableChecksum.of(spark.table(a));
    TableChecksum.Sum y = TableChecksum.of(spark.table(b));
    if (!x.equals(y)) {
      throw new IllegalStateException("the baseline wrote other rows than historylane: " + a + " " + x + ", " + b + " " + y);
    }
  }

  private static void requireSameFiles(FactBackfillResult result, List<String> files) {
    if (result.sourceFiles() != files.size()) {
      throw new IllegalStateException("historylane read " + result.sourceFiles() + " files, the baseline " + files.size());
    }
  }

  /** The archive files of a topic, as the hand-written job lists them. */
  private static List<String> avroFiles(Path topic) throws java.io.IOException {
    try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(topic)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".avro")).map(Path::toString).sorted().toList();
    }
  }
}
