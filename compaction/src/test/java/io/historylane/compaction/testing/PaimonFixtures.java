package io.historylane.compaction.testing;

/** Paimon primary-key tables with a known file layout, written through Spark SQL. */
public final class PaimonFixtures {
  private PaimonFixtures() {}

  /**
   * Creates {@code paimon.<table>}: keyed by (id, dt), partitioned by dt, 2 buckets, and
   * write-only (the production setup: writers never compact, a dedicated job does), so every
   * write adds a sorted run to each bucket it touches.
   */
  public static void create(String table) {
    MaintenanceLake.spark().sql("DROP TABLE IF EXISTS paimon." + table);
    MaintenanceLake.spark().sql("CREATE TABLE paimon." + table + " (id BIGINT, dt STRING, amount INT)"
        + " PARTITIONED BY (dt) TBLPROPERTIES ('primary-key' = 'id,dt', 'bucket' = '2', 'write-only' = 'true')");
  }

  /** Upserts ids [0, rows) into {@code dt} with amount {@code version}: one commit, one file per bucket. */
  public static void upsert(String table, String dt, long rows, int version) {
    MaintenanceLake.spark().sql("INSERT INTO paimon." + table + " SELECT id, '" + dt + "', " + version
        + " + CAST(id % 10 AS INT) FROM range(0, " + rows + ")");
  }

  /** 2025-01-01 written six times (6 sorted runs per bucket), 2025-01-02 once (healthy). */
  public static void fragmented(String table) {
    create(table);
    upsert(table, "2025-01-02", 200, 1);
    for (int version = 1; version <= 6; version++) {
      upsert(table, "2025-01-01", 200, version);
    }
  }
}
