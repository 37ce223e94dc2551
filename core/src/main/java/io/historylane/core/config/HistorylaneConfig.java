package io.historylane.core.config;

import io.historylane.core.error.BadInputException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resolved configuration of a run: one YAML file plus its environment overlay, with every
 * {@code ${VAR}} substituted and every secret read (see {@link ConfigLoader}).
 *
 * @param timezone the zone that dates on the command line and day partitions are in
 * @param archive where the Debezium Avro archive is
 * @param reports where run reports are written
 * @param quarantine where rejected records and quarantined files go
 * @param spark Spark settings applied when historylane builds the session itself
 */
public record HistorylaneConfig(
    ZoneId timezone,
    CatalogsConfig catalogs,
    StorageConfig storage,
    ArchiveConfig archive,
    ReportsConfig reports,
    QuarantineConfig quarantine,
    Map<String, String> spark,
    Map<String, CompactionPolicy> compactionPolicies,
    Map<String, TableConfig> tables,
    StarRocksConfig starrocks) {

  public HistorylaneConfig {
    timezone = timezone == null ? ZoneId.of("UTC") : timezone;
    ConfigProblem.require(catalogs, "catalogs", "configure catalogs.iceberg (and catalogs.paimon for Paimon tables)");
    storage = storage == null ? StorageConfig.none() : storage;
    reports = reports == null ? new ReportsConfig(null) : reports;
    quarantine = quarantine == null ? new QuarantineConfig(null) : quarantine;
    spark = spark == null ? Map.of() : Map.copyOf(spark);
    Map<String, CompactionPolicy> policies = new LinkedHashMap<>();
    policies.put("default", CompactionPolicy.defaults());
    if (compactionPolicies != null) {
      policies.putAll(compactionPolicies);
    }
    compactionPolicies = Map.copyOf(policies);
    tables = tables == null ? Map.of() : new LinkedHashMap<>(tables);
    for (Map.Entry<String, TableConfig> entry : tables.entrySet()) {
      String name = entry.getKey();
      TableConfig table = entry.getValue();
      if (!Identifiers.isSimple(name)) {
        throw new ConfigProblem("tables." + name, "'" + name + "' is not a usable table name",
            "use letters, digits and underscores");
      }
      if (!compactionPolicies.containsKey(table.compaction())) {
        throw new ConfigProblem("tables." + name + ".compaction",
            "unknown policy '" + table.compaction() + "'",
            "define it under compaction-policies or use one of " + compactionPolicies.keySet());
      }
      if (table.paimon() != null && catalogs.paimon() == null) {
        throw new ConfigProblem("tables." + name + ".paimon", "no Paimon catalog is configured",
            "add catalogs.paimon.warehouse");
      }
      if (table.source() != null && table.source().paimon() != null && catalogs.paimon() == null) {
        throw new ConfigProblem("tables." + name + ".source.paimon", "no Paimon catalog is configured",
            "add catalogs.paimon.warehouse");
      }
      if (table.source() != null && table.source().debezium() != null && archive == null) {
        throw new ConfigProblem("archive", "missing: tables." + name + " reads the Debezium archive",
            "set archive.root to the folder that holds the topics");
      }
    }
    tables = java.util.Collections.unmodifiableMap(tables);
  }

  /** The registered table {@code name}, or a bad-input error listing the known ones. */
  public TableConfig table(String name) {
    TableConfig table = tables.get(name);
    if (table == null) {
      throw new BadInputException("unknown table '" + name + "'" + Suggestions.didYouMean(name, tables.keySet())
          + ": registered tables are " + String.join(", ", tables.keySet())
          + " (add it under tables: in the config)");
    }
    return table;
  }

  /**
   * The registered tables matching a comma-separated list of names and globs ({@code sales,dim_*}),
   * in registry order. A name or glob that matches nothing is a bad-input error.
   */
  public List<String> selectTables(String spec) {
    Set<String> wanted = new java.util.LinkedHashSet<>();
    for (String part : spec.split(",")) {
      String pattern = part.trim();
      if (pattern.isEmpty()) {
        continue;
      }
      if (pattern.contains("*") || pattern.contains("?")) {
        java.util.regex.Pattern regex = Suggestions.globToRegex(pattern);
        List<String> matched = tables.keySet().stream().filter(n -> regex.matcher(n).matches()).toList();
        if (matched.isEmpty()) {
          throw new BadInputException("--tables '" + pattern + "' matches no registered table: registered tables are "
              + String.join(", ", tables.keySet()));
        }
        wanted.addAll(matched);
      } else {
        table(pattern);
        wanted.add(pattern);
      }
    }
    if (wanted.isEmpty()) {
      throw new BadInputException("--tables is empty: name tables or globs, e.g. --tables sales,dim_*");
    }
    List<String> ordered = new ArrayList<>();
    for (String name : tables.keySet()) {
      if (wanted.contains(name)) {
        ordered.add(name);
      }
    }
    return ordered;
  }

  public CompactionPolicy compactionPolicy(TableConfig table) {
    return compactionPolicies.get(table.compaction());
  }
}
