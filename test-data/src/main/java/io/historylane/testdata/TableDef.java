package io.historylane.testdata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source table of the sample domain: Postgres schema {@code public}, one bigint primary key.
 *
 * @param replicaIdentityFull whether deletes carry the full before image (else only the key)
 * @param addedColumns columns added by an additive schema change part-way through the history
 */
public record TableDef(String name, String key, List<ColumnDef> columns, boolean replicaIdentityFull,
    List<ColumnDef> addedColumns) {

  /** The Debezium topic: {@code <server>.<schema>.<table>}. */
  public String topic() {
    return SampleDomain.SERVER + ".public." + name;
  }

  /** Columns of schema version 1 (before the change) or 2 (after). */
  public List<ColumnDef> columns(int schemaVersion) {
    List<ColumnDef> all = new ArrayList<>(columns);
    if (schemaVersion >= 2) {
      all.addAll(addedColumns);
    }
    return all;
  }

  public List<ColumnDef> latestColumns() {
    return columns(2);
  }

  public boolean evolves() {
    return !addedColumns.isEmpty();
  }

  /** {@code row} as the first schema version holds it: without the added columns. */
  public Map<String, Object> withoutAddedColumns(Map<String, Object> row) {
    if (!evolves()) {
      return row;
    }
    Map<String, Object> out = new LinkedHashMap<>(row);
    addedColumns.forEach(c -> out.remove(c.name()));
    return out;
  }
}
