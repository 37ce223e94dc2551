package io.historylane.core.config;

/**
 * A StarRocks view that points at one version of a table ({@code vw_sales -> sales_v2}); a
 * backfill into a new version flips it.
 *
 * @param name {@code database.view}
 * @param target the table it points at now, {@code [catalog.]database.table}
 */
public record VersionedViewConfig(String name, String target) {
  public VersionedViewConfig {
    ConfigProblem.require(name, "name", "name the view as database.view");
    Identifiers.requireQualified(name, "name", 2, 2, "database.view, e.g. analytics.vw_sales");
    ConfigProblem.require(target, "target", "name the table the view reads, e.g. iceberg_lake.history.sales");
    Identifiers.requireQualified(target, "target", 2, 3, "[catalog.]database.table");
  }
}
