package io.historylane.testdata;

/** One column of a sample source table. */
public record ColumnDef(String name, ColumnType type, boolean nullable) {
  public static ColumnDef required(String name, ColumnType type) {
    return new ColumnDef(name, type, false);
  }

  public static ColumnDef optional(String name, ColumnType type) {
    return new ColumnDef(name, type, true);
  }
}
