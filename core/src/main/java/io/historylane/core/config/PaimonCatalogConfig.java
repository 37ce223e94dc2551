package io.historylane.core.config;

import java.util.Map;

/**
 * The Paimon catalog holding the CDC tables Flink writes, registered in Spark under {@code name}.
 *
 * @param metastore filesystem (default), hive or jdbc, as Paimon names them
 * @param properties passed to the Paimon catalog unchanged
 */
public record PaimonCatalogConfig(
    String name, String warehouse, String metastore, String uri, Map<String, String> properties) {
  public PaimonCatalogConfig {
    name = name == null ? "paimon" : name;
    ConfigProblem.require(warehouse, "warehouse", "set the Paimon warehouse, e.g. s3a://lake/paimon");
    metastore = metastore == null ? "filesystem" : metastore;
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }
}
