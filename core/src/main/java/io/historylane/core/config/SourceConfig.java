package io.historylane.core.config;

/** Where a backfill reads a table's history from: exactly one of the two. */
public record SourceConfig(DebeziumSourceConfig debezium, PaimonSourceConfig paimon) {
  public SourceConfig {
    if ((debezium == null) == (paimon == null)) {
      throw new ConfigProblem(null, "needs exactly one of debezium or paimon",
          "write source: {debezium: {topic: pg.public.sales}} or source: {paimon: {table: cdc.sales}}");
    }
  }

  public String describe() {
    return debezium != null ? "debezium topic " + debezium.topic() : "paimon table " + paimon.table();
  }
}
