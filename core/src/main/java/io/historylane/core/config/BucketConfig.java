package io.historylane.core.config;

/** Bucketing of a table inside each day partition: {@code bucket(count, column)}. */
public record BucketConfig(String column, Integer count) {
  public BucketConfig {
    ConfigProblem.require(column, "column", "name the column to bucket by, e.g. provider_id");
    Identifiers.requireSimple(column, "column");
    ConfigProblem.require(count, "count", "set the number of buckets, e.g. 8");
    if (count < 1 || count > 4096) {
      throw new ConfigProblem("count", count + " buckets is out of range", "use 1 to 4096");
    }
  }
}
