package io.historylane.snapshots;

import io.historylane.core.config.TableConfig;
import io.historylane.core.lake.TableChecksum;
import io.historylane.core.lake.RecordFiles;
import io.historylane.core.session.LakehouseSession;
import io.historylane.testkit.TestLake;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.paimon.data.BinaryString;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.table.sink.BatchTableCommit;
import org.apache.paimon.table.sink.BatchTableWrite;
import org.apache.paimon.table.sink.BatchWriteBuilder;
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
   * Registers {@code tables} (YAML entries such as {@code "t: {kind: table, iceberg: ns.t}"}) in an
   * overlay named {@code overlay} and joins the test JVM's session with that config. Each overlay
   * gets its own operations namespace, so test classes sharing the JVM never see each other's cuts.
   */
  static LakeTables register(String overlay, List<String> yamlTables) {
    return register(overlay, "", yamlTables);
  }

  /** As {@link #register(String, List)}, with more top-level YAML (a starrocks section, say). */
  static LakeTables register(String overlay, String moreYaml, List<String> yamlTables) {
    TestLake lake = TestLake.get();
    StringBuilder yaml = new StringBuilder("catalogs: {operations-namespace: ops_" + overlay.replace('-', '_') + "}\n")
        .append(moreYaml).append("tables:\n");
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

  /**
   * A primary-key table, as Flink CDC writes them. Paimon expires snapshots older than an hour on
   * every commit by default; these keep two years, so a backdated history survives later writes.
   */
  void createPaimon(String identifier) {
    String database = identifier.substring(0, identifier.indexOf('.'));
    spark().sql("CREATE DATABASE IF NOT EXISTS paimon." + database);
    spark().sql("CREATE TABLE paimon." + identifier + " (id BIGINT, v STRING) TBLPROPERTIES ('primary-key' = 'id',"
        + " 'bucket' = '1', 'snapshot.time-retained' = '730 d')");
  }

  /**
   * One commit to a registered table holding row {@code id} (Paimon: upserting it), made through
   * the format's Java API: a real commit, without a Spark job's cost.
   */
  void write(String table, long id, String value) {
    TableConfig config = session.config().table(table);
    if (config.isIceberg()) {
      Table iceberg = session.icebergTable(config.identifier());
      GenericRecord row = GenericRecord.create(iceberg.schema());
      row.setField("id", id);
      row.setField("v", value);
      iceberg.newAppend().appendFile(RecordFiles.write(iceberg, List.of(row))).commit();
      return;
    }
    BatchWriteBuilder builder = session.paimonTable(config.identifier()).newBatchWriteBuilder();
    try (BatchTableWrite write = builder.newWrite(); BatchTableCommit commit = builder.newCommit()) {
      write.write(GenericRow.of(id, BinaryString.fromString(value)));
      commit.commit(write.prepareCommit());
    } catch (Exception e) {
      throw new IllegalStateException("cannot write to " + config.identifier(), e);
    }
  }

  /** {@code lake.ns.t} or {@code paimon.db.t}: the table's name in Spark SQL. */
  String sparkName(String table) {
    TableConfig config = session.config().table(table);
    return (config.isIceberg() ? "lake." : "paimon.") + config.identifier();
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
