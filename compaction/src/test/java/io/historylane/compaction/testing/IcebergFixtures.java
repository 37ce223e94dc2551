package io.historylane.compaction.testing;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/** Iceberg tables with a known file layout, written through Spark SQL as a user's jobs would. */
public final class IcebergFixtures {
  private IcebergFixtures() {}

  /**
   * Creates {@code lake.<table>}: partitioned by day and 2 buckets, merge-on-read deletes, and no
   * write distribution, so a write of {@code n} Spark tasks leaves {@code n} files per partition.
   */
  public static void create(String table) {
    SparkSession spark = MaintenanceLake.spark();
    spark.sql("DROP TABLE IF EXISTS lake." + table + " PURGE");
    spark.sql("CREATE TABLE lake." + table + " (id BIGINT, provider_id INT, ts TIMESTAMP_NTZ, payload STRING)"
        + " USING iceberg PARTITIONED BY (days(ts), bucket(2, provider_id))"
        + " TBLPROPERTIES ('format-version'='2', 'write.distribution-mode'='none',"
        + " 'write.delete.mode'='merge-on-read', 'write.update.mode'='merge-on-read')");
  }

  /**
   * Appends ids [from, from + rows) in one commit, spread evenly over {@code days} and over
   * providers 1 and 3 (buckets 0 and 1), written by {@code files} tasks: {@code files} files in
   * each partition. A row takes about 37 bytes: 900 rows make one healthy file of a 32KB target.
   */
  public static void append(String table, long from, long rows, int files, String... days) {
    insert(table, from, rows, files, "sha2(CAST(id AS STRING), 256)", days);
  }

  /**
   * Appends as {@link #append} with a payload that compresses little (about 150 bytes a row), so
   * a rewritten file comes out at the size its inputs add up to: Iceberg rolls a Parquet file when
   * its uncompressed buffered rows reach the write target, which well-compressing rows reach at a
   * fraction of the compressed size the rewrite planned for.
   */
  public static void appendIncompressible(String table, long from, long rows, int files, String... days) {
    insert(table, from, rows, files,
        "base64(unhex(concat(sha2(CAST(id AS STRING), 512), sha2(CAST(-id AS STRING), 256))))", days);
  }

  private static void insert(String table, long from, long rows, int files, String payload, String... days) {
    String dayArray = Stream.of(days).map(d -> "timestamp_ntz'" + d + " 00:00:00'").collect(Collectors.joining(", "));
    MaintenanceLake.spark().sql("INSERT INTO lake." + table + " SELECT /*+ REPARTITION(" + files + ") */ id,"
        + " CAST(1 + 2 * (id % 2) AS INT),"
        + " element_at(array(" + dayArray + "), CAST((id DIV 2) % " + days.length + " AS INT) + 1)"
        + "   + make_interval(0, 0, 0, 0, 0, 0, CAST(id % 3600 AS INT)),"
        + " " + payload
        + " FROM range(" + from + ", " + (from + rows) + ")");
  }

  /** Deletes (merge-on-read: position deletes) the rows of {@code day} matching {@code condition}. */
  public static void delete(String table, String day, String condition) {
    MaintenanceLake.spark().sql("DELETE FROM lake." + table + " WHERE ts >= timestamp_ntz'" + day + " 00:00:00'"
        + " AND ts < timestamp_ntz'" + day + " 00:00:00' + INTERVAL 1 DAY AND " + condition);
  }

  /**
   * The compaction fixture: 2025-01-01 fragmented (8 small files per bucket), 2025-01-02 healthy
   * (one ~33KB file per bucket), 2025-01-03 fragmented with a third of its rows deleted by
   * position deletes, 2025-01-04 healthy with 1% of its rows deleted.
   */
  public static void fragmented(String table) {
    create(table);
    append(table, 0, 960, 8, "2025-01-01", "2025-01-03");
    append(table, 1000, 3600, 1, "2025-01-02", "2025-01-04");
    delete(table, "2025-01-03", "id % 3 = 0");
    delete(table, "2025-01-04", "id % 100 = 0");
  }
}
