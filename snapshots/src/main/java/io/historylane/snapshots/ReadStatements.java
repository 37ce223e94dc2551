package io.historylane.snapshots;

import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.config.StarRocksConfig;
import io.historylane.core.config.StarRocksTableConfig;
import io.historylane.core.config.TableConfig;

/** How to read one table of a cut, in Spark SQL and in StarRocks. */
final class ReadStatements {
  private final HistorylaneConfig config;

  ReadStatements(HistorylaneConfig config) {
    this.config = config;
  }

  /** Spark SQL: {@code VERSION AS OF '<tag>'} reads an Iceberg tag and a Paimon tag alike. */
  String spark(CutEntry entry) {
    String catalog = entry.format() == TableFormat.ICEBERG ? config.catalogs().iceberg().name()
        : config.catalogs().paimon().name();
    return "SELECT * FROM " + catalog + "." + entry.identifier() + " VERSION AS OF '" + entry.name() + "'";
  }

  /**
   * StarRocks: {@code FOR VERSION AS OF '<tag>'} on an Iceberg external catalog (StarRocks 3.4+,
   * docs/en/data_source/catalog/iceberg/iceberg_timetravel.md, "Time Travel to a specific branch
   * or tag"); a Paimon catalog takes the tag as {@code 'tag:<name>'} (StarRocks pull request
   * 63316, "support paimon query with branch/tag/version/timestamp").
   */
  String starRocks(CutEntry entry) {
    TableConfig table = config.tables().get(entry.table());
    StarRocksTableConfig sr = table == null ? null : table.starrocks();
    String[] parts = entry.identifier().split("\\.");
    String database = sr != null && sr.database() != null ? sr.database()
        : String.join(".", java.util.Arrays.copyOf(parts, parts.length - 1));
    String name = sr != null && sr.table() != null ? sr.table() : parts[parts.length - 1];
    String version = entry.format() == TableFormat.ICEBERG ? entry.name() : "tag:" + entry.name();
    return "SELECT * FROM " + catalog(entry.format(), sr) + "." + database + "." + name + " FOR VERSION AS OF '"
        + version + "'";
  }

  private String catalog(TableFormat format, StarRocksTableConfig sr) {
    if (sr != null && sr.catalog() != null) {
      return sr.catalog();
    }
    StarRocksConfig starrocks = config.starrocks();
    String configured = starrocks == null ? null
        : format == TableFormat.ICEBERG ? starrocks.icebergCatalog() : starrocks.paimonCatalog();
    return configured != null ? configured : CutReading.UNKNOWN_STARROCKS_CATALOG;
  }
}
