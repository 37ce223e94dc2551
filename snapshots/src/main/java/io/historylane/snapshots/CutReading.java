package io.historylane.snapshots;

import java.util.List;

/** A cut and, per table, the statements that read it. */
public record CutReading(Cut cut, List<Table> tables) {
  public CutReading {
    tables = List.copyOf(tables);
  }

  /** One table of the cut: the Spark SQL and the StarRocks statement that read its tag. */
  public record Table(CutEntry entry, String sparkSql, String starRocksSql) {}
}
