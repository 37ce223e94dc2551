package io.historylane.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One entry of the table registry.
 *
 * @param iceberg {@code namespace.table} in the Iceberg catalog (facts and dimensions live here)
 * @param paimon {@code database.table} in the Paimon catalog (kind table only)
 * @param keys the business key columns
 * @param eventTime facts: the column whose day places a row in its partition
 * @param bucket facts: bucketing inside each day
 * @param sort the table's sort order, used when writing and when compacting
 * @param chunk how a long backfill range is cut into commits
 * @param tracked dimensions: columns whose change opens a new version (type 2)
 * @param type1 dimensions: columns that take their latest value on every version
 * @param ignored dimensions: source columns deliberately left out (an updated_at, say)
 * @param writeAuditPublish write to a branch, audit it, then publish to main
 * @param maxBadRecords with --skip-bad-records: more rejected records than this fail the run
 */
public record TableConfig(
    TableKind kind,
    String iceberg,
    String paimon,
    SourceConfig source,
    List<String> keys,
    String eventTime,
    BucketConfig bucket,
    List<String> sort,
    DataSize targetFileSize,
    io.historylane.core.time.Chunking chunk,
    List<String> tracked,
    List<String> type1,
    List<String> ignored,
    String compaction,
    Boolean writeAuditPublish,
    Long maxBadRecords,
    StarRocksTableConfig starrocks) {

  public TableConfig {
    ConfigProblem.require(kind, "kind", "set kind to fact, scd2 or table");
    if ((iceberg == null) == (paimon == null)) {
      throw new ConfigProblem("iceberg", "a table lives in exactly one catalog",
          "set iceberg: namespace.table or paimon: database.table");
    }
    if (iceberg != null) {
      Identifiers.requireQualified(iceberg, "iceberg", 2, 3, "namespace.table, e.g. history.sales");
    }
    if (paimon != null) {
      Identifiers.requireQualified(paimon, "paimon", 2, 2, "database.table, e.g. cdc.sales");
    }
    keys = columns(keys, "keys");
    sort = columns(sort, "sort");
    tracked = columns(tracked, "tracked");
    type1 = columns(type1, "type1");
    ignored = columns(ignored, "ignored");
    if (eventTime != null) {
      Identifiers.requireSimple(eventTime, "event-time");
    }
    targetFileSize = targetFileSize == null ? DataSize.parse("128MB") : targetFileSize;
    chunk = chunk == null ? io.historylane.core.time.Chunking.parse("7d") : chunk;
    compaction = compaction == null ? "default" : compaction;
    writeAuditPublish = writeAuditPublish != null && writeAuditPublish;
    maxBadRecords = maxBadRecords == null ? 0L : maxBadRecords;

    if (kind != TableKind.TABLE) {
      if (iceberg == null) {
        throw new ConfigProblem("iceberg", "a " + kind.configName() + " table is written to Iceberg",
            "set iceberg: namespace.table");
      }
      ConfigProblem.require(source, "source",
          "say where its history is, e.g. source: {debezium: {topic: pg.public.sales}}");
      if (keys.isEmpty()) {
        throw new ConfigProblem("keys", "missing", "name the business key columns, e.g. keys: [sale_id]");
      }
    }
    if (kind == TableKind.FACT) {
      ConfigProblem.require(eventTime, "event-time",
          "name the column whose day places a row, e.g. event-time: sold_at");
    }
    if (kind == TableKind.SCD2) {
      if (tracked.isEmpty()) {
        throw new ConfigProblem("tracked", "missing",
            "list the columns whose change opens a new version, e.g. tracked: [role, commission_rate]");
      }
      Set<String> seen = new HashSet<>();
      for (String column : concat(keys, tracked, type1, ignored)) {
        if (!seen.add(column)) {
          throw new ConfigProblem("tracked", "column " + column + " is listed twice among keys, tracked, type1 and ignored",
              "give every column one role");
        }
      }
    }
  }

  private static List<String> columns(List<String> names, String key) {
    if (names == null) {
      return List.of();
    }
    for (String name : names) {
      Identifiers.requireSimple(name, key);
    }
    return List.copyOf(names);
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> list : lists) {
      all.addAll(list);
    }
    return all;
  }

  public boolean isIceberg() {
    return iceberg != null;
  }

  /** The table's name inside its catalog: {@code history.sales} or {@code cdc.sales}. */
  public String identifier() {
    return iceberg != null ? iceberg : paimon;
  }
}
