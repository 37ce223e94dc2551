package io.historylane.snapshots;

import io.historylane.core.lake.TableChecksum;
import io.historylane.core.session.LakehouseSession;
import io.historylane.testkit.TestLake;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Small Iceberg and Paimon tables in the test lake, registered through a config overlay, and the
 * reads tests compare: a tag, time travel to an instant, the current state.
 */
final class LakeTables {
  private static final DateTimeFormatter SPARK_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final LakehouseSession session;

  private LakeTables(LakehouseSession session) {
    this.session = session;
  }

  /**
   * Registers {@code tables} ({@code name -> "iceberg: ns.t"} or {@code "paimon: db.t"}) in an
   * overlay named {@code overlay} and joins the test JVM's session with that config.
   */
  static LakeTables register(String overlay, List<String> yamlTables) {
    TestLake lake = TestLake.get();
    StringBuilder yaml = new StringBuilder("tables:\n");
    yamlTables.forEach(t -> yaml.append("  ").append(t).append('\n'));
    lake.overlay(overlay, yaml.toString());
    return new LakeTables(LakehouseSession.open(lake.load("minio," + overlay), "historylane-tests"));
  }

  LakehouseSession session() {
    return session;
  }

  SparkSession spark() {
    return session.spark();
  }

  void createIceberg(String identifier) {
    String namespace = identifier.substring(0, identifier.lastIndexOf('.'));
    spark().sql("CREATE NAMESPACE IF NOT EXISTS lake." + namespace);
    spark().sql("CREATE TABLE lake." + identifier + " (id BIGINT, v STRING) USING iceberg");
  }

  /** A primary-key table, as Flink CDC writes them. */
  void createPaimon(String identifier) {
    String database = identifier.substring(0, identifier.indexOf('.'));
    spark().sql("CREATE DATABASE IF NOT EXISTS paimon." + database);
    spark().sql("CREATE TABLE paimon." + identifier + " (id BIGINT, v STRING) TBLPROPERTIES ('primary-key' = 'id',"
        + " 'bucket' = '1')");
  }

  /** One commit: upserts row {@code id}. */
  void write(String sparkName, long id, String value) {
    spark().sql("INSERT INTO " + sparkName + " VALUES (" + id + ", '" + value + "')");
  }

  TableChecksum.Sum read(String sql) {
    return TableChecksum.of(spark().sql(sql));
  }

  TableChecksum.Sum readAsOf(String sparkName, Instant instant) {
    return read("SELECT * FROM " + sparkName + " TIMESTAMP AS OF '" + SPARK_TIMESTAMP.format(instant) + "'");
  }

  TableChecksum.Sum readTag(String sparkName, String tag) {
    return read("SELECT * FROM " + sparkName + " VERSION AS OF '" + tag + "'");
  }

  TableChecksum.Sum readCurrent(String sparkName) {
    return read("SELECT * FROM " + sparkName);
  }

  SnapshotActions actions() {
    return SnapshotActions.in(session);
  }
}
