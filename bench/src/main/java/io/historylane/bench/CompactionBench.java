package io.historylane.bench;

import io.historylane.compaction.CompactTable;
import io.historylane.compaction.TableCompaction;
import io.historylane.core.session.LakehouseSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench/run compaction}: a table of 30 daily partitions of about 24 MB each, 5 of them
 * fragmented (200 small files each) and 25 healthy (6 files at the configured 4 MB target each),
 * compacted by
 * {@code historylane compact} and, from the same starting copy (further catalog entries on the
 * same metadata), by Iceberg's rewrite_data_files with its defaults over the whole table, in this
 * JVM: two rounds of each, alternating, the faster round of each counting.
 *
 * <p>The table is created as an outside writer creates it, with no write.target-file-size-bytes
 * property: the target size lives in historylane's config (2 MB), so Iceberg's defaults take their
 * own 512 MB target and find every healthy partition's files undersized. Each Spark task writes
 * one contiguous id range, so a task's rows fall into one file per day it touches.
 */
final class CompactionBench implements Benchmark {
  private static final String OVERLAY = """
      compaction-policies:
        bench: {target-file-size: 4MB, min-input-files: 5}
      tables:
        bench_events: {kind: table, iceberg: bench.events, compaction: bench}
        bench_events_2: {kind: table, iceberg: bench.events_2, compaction: bench}
        bench_events_3: {kind: table, iceberg: bench.events_3, compaction: bench}
      """;
  private static final long TARGET = 4L << 20;
  private static final int DAYS = 30;
  private static final int FRAGMENTED_DAYS = 5;
  private static final int FRAGMENTS = 200;
  private static final int HEALTHY_FILES = 6;
  /** About 37 bytes a row: 113,000 rows make a file of about the 4 MB target. */
  private static final long ROWS_PER_HEALTHY_FILE = 113_000;
  /** A fragmented day holds as many rows as a healthy one, in 200 files of about 120 KB. */
  private static final long ROWS_PER_FRAGMENT = HEALTHY_FILES * ROWS_PER_HEALTHY_FILE / FRAGMENTS;

  @Override
  public Map<String, Object> run(BenchContext context, String[] args) throws Exception {
    LakehouseSession session = context.withOverlay("bench-compaction", OVERLAY);
    SparkSession spark = session.spark();
    context.time("write the table", () -> write(spark));
    // the same starting copy six times over: three rounds of each, alternating, the fastest of each counts
    String start = ((BaseTable) session.icebergTable("bench.events")).operations().current().metadataFileLocation();
    for (String copy : List.of("events_2", "events_3", "events_iceberg", "events_iceberg_2", "events_iceberg_3")) {
      session.icebergCatalog().registerTable(TableIdentifier.of("bench", copy), start);
    }
    Map<String, Object> before = layout(spark, "lake.bench.events");

    // the data was written just now: look from 2 hours on, past the quiet period
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
    TimedRuns<TableCompaction> ours = new TimedRuns<>();
    TimedRuns<RewriteDataFiles.Result> theirs = new TimedRuns<>();
    for (String round : List.of("", "_2", "_3")) {
      ours.add(context.timed("historylane compact" + round, () ->
          CompactTable.of(session, "bench_events" + round).clock(later).runId("bench-compaction" + round).execute()));
      theirs.add(context.timed("iceberg rewrite_data_files (defaults)" + round, () ->
          SparkActions.get(spark).rewriteDataFiles(session.icebergTable("bench.events_iceberg" + round)).execute()));
    }
    BenchContext.Timed<TableCompaction> historylane = ours.best();
    BenchContext.Timed<RewriteDataFiles.Result> iceberg = theirs.best();

    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("table", "30 daily partitions of ~24 MB: 5 in 200 fragments each, 25 in 6 files at the 4 MB target");
    figures.put("before", before);
    figures.put("compaction_vs_iceberg_ratio", TimedRuns.round((double) historylane.millis() / iceberg.millis()));
    figures.put("historylane_ms", historylane.millis());
    figures.put("iceberg_ms", iceberg.millis());
    figures.put("historylane_rounds_ms", ours.millis());
    figures.put("iceberg_rounds_ms", theirs.millis());
    figures.put("historylane_bytes_rewritten", historylane.value().bytesRewritten());
    figures.put("iceberg_bytes_rewritten", iceberg.value().rewrittenBytesCount());
    figures.put("historylane_files_rewritten", historylane.value().filesRewritten());
    figures.put("iceberg_files_rewritten", iceberg.value().rewrittenDataFilesCount());
    figures.put("historylane_partitions_rewritten",
        historylane.value().with(io.historylane.compaction.PartitionOutcome.Status.COMPACTED).size());
    figures.put("historylane_verify_ms", historylane.value().verifyMs());
    Map<String, Object> afterOurs = layout(spark, "lake.bench.events");
    Map<String, Object> afterIceberg = layout(spark, "lake.bench.events_iceberg");
    figures.put("historylane_small_files_left", afterOurs.get("small_files"));
    figures.put("iceberg_small_files_left", afterIceberg.get("small_files"));
    figures.put("historylane_fragments_left", afterOurs.get("fragments"));
    figures.put("iceberg_fragments_left", afterIceberg.get("fragments"));
    figures.put("after_historylane", afterOurs);
    figures.put("after_iceberg", afterIceberg);
    figures.put("small_file", "a data file under 0.75 x the 4 MB target; a fragment: under 1/8 of it");
    return figures;
  }

  private static void write(SparkSession spark) {
    spark.sql("CREATE NAMESPACE IF NOT EXISTS lake.bench");
    spark.sql("CREATE TABLE lake.bench.events (id BIGINT, provider_id INT, ts TIMESTAMP_NTZ, payload STRING)"
        + " USING iceberg PARTITIONED BY (days(ts))"
        + " TBLPROPERTIES ('format-version'='2', 'write.distribution-mode'='none')");
    int healthyDays = DAYS - FRAGMENTED_DAYS;
    long healthyRows = healthyDays * HEALTHY_FILES * ROWS_PER_HEALTHY_FILE;
    // one task per file: task i holds ids [i * rows-per-file, (i + 1) * rows-per-file), all of one day
    spark.sql("INSERT INTO lake.bench.events SELECT id, CAST(id % 100 AS INT), timestamp_ntz'2025-01-01 00:00:00'"
        + " + make_interval(0, 0, 0, " + FRAGMENTED_DAYS + " + CAST(id DIV " + HEALTHY_FILES * ROWS_PER_HEALTHY_FILE
        + " AS INT), 0, 0, CAST(id % 86400 AS INT)), sha2(CAST(id AS STRING), 256)"
        + " FROM range(0, " + healthyRows + ", 1, " + healthyDays * HEALTHY_FILES + ")");
    // 200 tasks, each writing a small file into each of the first 5 days
    long fragmentRows = (long) FRAGMENTED_DAYS * FRAGMENTS * ROWS_PER_FRAGMENT;
    spark.sql("INSERT INTO lake.bench.events SELECT id, CAST(id % 100 AS INT), timestamp_ntz'2025-01-01 00:00:00'"
        + " + make_interval(0, 0, 0, CAST(id % " + FRAGMENTED_DAYS + " AS INT), 0, 0, CAST(id % 86400 AS INT)),"
        + " sha2(CAST(id AS STRING), 256) FROM range(" + healthyRows + ", " + (healthyRows + fragmentRows) + ", 1, "
        + FRAGMENTS + ")");
  }

  private static Map<String, Object> layout(SparkSession spark, String table) {
    var row = spark.sql("SELECT count(*), sum(file_size_in_bytes), count_if(file_size_in_bytes < " + TARGET * 3 / 4
        + "), count_if(file_size_in_bytes < " + TARGET / 8 + "), count(DISTINCT partition) FROM " + table
        + ".files WHERE content = 0").first();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data_files", row.getLong(0));
    m.put("bytes", row.getLong(1));
    m.put("small_files", row.getLong(2));
    m.put("fragments", row.getLong(3));
    m.put("partitions", row.getLong(4));
    return m;
  }
}
