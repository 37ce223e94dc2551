package io.historylane.compaction.testing;

import io.historylane.core.session.LakehouseSession;
import io.historylane.testkit.TestLake;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The test lake with the tables the maintenance tests work on registered through a config
 * overlay (conf/env/maintenance-test.yaml in the test copy of conf/): small target files so a
 * fixture of a few thousand rows has fragmented and healthy partitions.
 */
public final class MaintenanceLake {
  public static final String OVERLAY = """
      compaction-policies:
        small:
          target-file-size: 32KB
          min-input-files: 4
          quiet-period: 1h
          delete-ratio-threshold: 0.3
          max-manifests: 50
          conflict-retries: 2
          snapshots-older-than: 1d
          retain-last: 1
          tag-max-age: 30d
        small-no-retry:
          target-file-size: 32KB
          min-input-files: 4
          conflict-retries: 0
        wide:
          target-file-size: 256KB
          min-input-files: 4
          quiet-period: 1h
        small-minor:
          target-file-size: 32KB
          min-input-files: 4
          quiet-period: 1h
          paimon-mode: minor
      tables:
        frag_events:   {kind: table, iceberg: maint.frag_events, compaction: small}
        race_events:   {kind: table, iceberg: maint.race_events, compaction: small}
        race_twin:     {kind: table, iceberg: maint.race_twin, compaction: small}
        race_noretry:  {kind: table, iceberg: maint.race_noretry, compaction: small-no-retry}
        app_events:    {kind: table, iceberg: maint.app_events, compaction: small}
        sorted_events: {kind: table, iceberg: maint.sorted_events, compaction: small}
        wide_events:   {kind: table, iceberg: maint.wide_events, compaction: wide}
        hyg_events:    {kind: table, iceberg: maint.hyg_events, compaction: small}
        exp_events:    {kind: table, iceberg: maint.exp_events, compaction: small}
        pk_orders:     {kind: table, paimon: maint.pk_orders, compaction: small}
        pk_minor:      {kind: table, paimon: maint.pk_minor, compaction: small-minor}
        hyg_orders:    {kind: table, paimon: maint.hyg_orders, compaction: small}
        exp_orders:    {kind: table, paimon: maint.exp_orders, compaction: small}
      """;

  private static LakehouseSession session;

  private MaintenanceLake() {}

  /** A session on the test JVM's SparkSession with the maintenance tables registered. */
  public static synchronized LakehouseSession session() {
    if (session == null) {
      TestLake lake = TestLake.get();
      lake.overlay("maintenance-test", OVERLAY);
      session = LakehouseSession.open(lake.load("minio,maintenance-test"), "maintenance-tests");
      lake.spark().sql("CREATE NAMESPACE IF NOT EXISTS lake.maint");
      lake.spark().sql("CREATE DATABASE IF NOT EXISTS paimon.maint");
    }
    return session;
  }

  public static SparkSession spark() {
    return session().spark();
  }

  /** A clock {@code hours} ahead: what was just written looks that old to the quiet period. */
  public static Clock hoursLater(int hours) {
    return Clock.offset(Clock.systemUTC(), Duration.ofHours(hours));
  }

  /** The values of a one-column query, as strings, in order. */
  public static List<String> column(String sql) {
    return spark().sql(sql).collectAsList().stream().map(r -> String.valueOf(r.get(0))).collect(Collectors.toList());
  }

  public static long count(String sql) {
    Row r = spark().sql(sql).first();
    return r.getLong(0);
  }
}
