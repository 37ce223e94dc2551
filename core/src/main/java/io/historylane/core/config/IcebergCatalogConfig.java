package io.historylane.core.config;

import java.util.Map;

/**
 * The Iceberg catalog every long-term table lives in, registered in Spark under {@code name}.
 *
 * @param type hadoop (local disk only: no atomic rename on object stores), jdbc, rest, glue or hive
 * @param uri the catalog service: a JDBC URL for jdbc, the REST endpoint, the metastore thrift URI
 * @param properties passed to the catalog unchanged (client options, io settings)
 */
public record IcebergCatalogConfig(
    String name, CatalogType type, String warehouse, String uri, Map<String, String> properties) {

  public enum CatalogType {
    HADOOP, JDBC, REST, GLUE, HIVE;

    @com.fasterxml.jackson.annotation.JsonCreator
    public static CatalogType parse(String text) {
      return Enums.parse(CatalogType.class, text);
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public IcebergCatalogConfig {
    name = name == null ? "lake" : name;
    ConfigProblem.require(type, "type", "set type to one of hadoop, jdbc, rest, glue, hive");
    if ((type == CatalogType.JDBC || type == CatalogType.REST || type == CatalogType.HIVE) && (uri == null || uri.isBlank())) {
      throw new ConfigProblem("uri", "missing: a " + type.configName() + " catalog needs the address of its service",
          "set uri, e.g. jdbc:sqlite:warehouse/catalog.db for jdbc or http://rest:8181 for rest");
    }
    if (type != CatalogType.REST) {
      ConfigProblem.require(warehouse, "warehouse", "set the warehouse location, e.g. s3://lake/warehouse");
    }
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }
}
