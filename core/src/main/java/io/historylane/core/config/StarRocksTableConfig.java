package io.historylane.core.config;

import java.util.List;

/**
 * How StarRocks sees one lake table: through an external catalog, with the materialized views
 * built on it and the versioned views pointing at it.
 *
 * @param catalog the StarRocks external catalog (defaults from starrocks.iceberg-catalog or
 *     starrocks.paimon-catalog)
 */
public record StarRocksTableConfig(
    String catalog,
    String database,
    String table,
    List<MaterializedViewConfig> materializedViews,
    List<VersionedViewConfig> views) {
  public StarRocksTableConfig {
    if (catalog != null) {
      Identifiers.requireSimple(catalog, "catalog");
    }
    if (database != null) {
      Identifiers.requireSimple(database, "database");
    }
    if (table != null) {
      Identifiers.requireSimple(table, "table");
    }
    materializedViews = materializedViews == null ? List.of() : List.copyOf(materializedViews);
    views = views == null ? List.of() : List.copyOf(views);
  }
}
