package io.historylane.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A StarRocks asynchronous materialized view over a lake table.
 *
 * @param name {@code database.mv}
 * @param granularity how the MV is partitioned; a refresh covers whole MV partitions. {@code none}
 *     for an unpartitioned MV, which is refreshed whole.
 */
public record MaterializedViewConfig(String name, Granularity granularity) {
  public enum Granularity {
    DAY, WEEK, MONTH, YEAR, NONE;

    @JsonCreator
    public static Granularity parse(String text) {
      return Enums.parse(Granularity.class, text);
    }

    @JsonValue
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public MaterializedViewConfig {
    ConfigProblem.require(name, "name", "name the materialized view as database.mv");
    Identifiers.requireQualified(name, "name", 2, 2, "database.mv, e.g. analytics.mv_daily_sales");
    granularity = granularity == null ? Granularity.DAY : granularity;
  }
}
