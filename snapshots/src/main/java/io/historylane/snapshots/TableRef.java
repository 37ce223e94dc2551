package io.historylane.snapshots;

import io.historylane.core.config.TableConfig;

/**
 * A table a cut covers.
 *
 * @param table the registry name ({@code sales})
 * @param identifier the table in its catalog ({@code history.sales})
 */
public record TableRef(String table, TableFormat format, String identifier) {
  public static TableRef of(String name, TableConfig config) {
    return new TableRef(name, config.isIceberg() ? TableFormat.ICEBERG : TableFormat.PAIMON, config.identifier());
  }

  /** {@code sales (iceberg history.sales)}, for messages. */
  public String describe() {
    return table + " (" + format.configName() + " " + identifier + ")";
  }
}
