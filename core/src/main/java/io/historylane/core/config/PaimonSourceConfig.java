package io.historylane.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A Paimon CDC table written by Flink.
 *
 * @param table {@code database.table} in the Paimon catalog
 * @param mode {@code table}: the primary-key table's state (time travel for --as-of);
 *     {@code audit-log}: its changelog, snapshot by snapshot
 * @param commitTimeColumn a column carrying the source commit time (Flink CDC metadata such as
 *     op_ts); without it the Paimon snapshot's commit time is used
 */
public record PaimonSourceConfig(String table, Mode mode, String commitTimeColumn) {
  public enum Mode {
    TABLE, AUDIT_LOG;

    @JsonCreator
    public static Mode parse(String text) {
      return Enums.parse(Mode.class, text);
    }

    @JsonValue
    public String configName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public PaimonSourceConfig {
    ConfigProblem.require(table, "table", "name the Paimon table as database.table, e.g. cdc.sales");
    Identifiers.requireQualified(table, "table", 2, 2, "database.table, e.g. cdc.sales");
    mode = mode == null ? Mode.TABLE : mode;
    if (commitTimeColumn != null) {
      Identifiers.requireSimple(commitTimeColumn, "commit-time-column");
    }
  }
}
