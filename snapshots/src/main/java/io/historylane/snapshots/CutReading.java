package io.historylane.snapshots;

import java.util.List;

/** A cut and, per table, the statements that read it. */
public record CutReading(Cut cut, List<Table> tables) {
  /** Stands for StarRocks' catalog where neither starrocks.*-catalog nor tables.NAME.starrocks.catalog names it. */
  public static final String UNKNOWN_STARROCKS_CATALOG = "<starrocks_catalog>";

  public CutReading {
    tables = List.copyOf(tables);
  }

  /** One table of the cut: the Spark SQL and the StarRocks statement that read its tag. */
  public record Table(CutEntry entry, String sparkSql, String starRocksSql) {}
}
