package io.historylane.core.config;

/**
 * @param operationsNamespace the Iceberg namespace where historylane keeps its own tables (the
 *     snapshot-cut manifest, repair progress)
 */
public record CatalogsConfig(
    IcebergCatalogConfig iceberg, PaimonCatalogConfig paimon, String operationsNamespace) {
  public CatalogsConfig {
    ConfigProblem.require(iceberg, "iceberg", "configure the Iceberg catalog (catalogs.iceberg.type, .warehouse)");
    operationsNamespace = operationsNamespace == null ? "historylane_ops" : operationsNamespace;
    Identifiers.requireSimple(operationsNamespace, "operations-namespace");
  }
}
