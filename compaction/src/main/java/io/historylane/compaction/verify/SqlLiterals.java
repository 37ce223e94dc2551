package io.historylane.compaction.verify;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Spark SQL literals for the values a partition predicate compares with. */
public final class SqlLiterals {
  private SqlLiterals() {}

  public static String of(Object value) {
    if (value == null) {
      return "NULL";
    } else if (value instanceof LocalDate d) {
      return "DATE'" + d + "'";
    } else if (value instanceof LocalDateTime t) {
      return "TIMESTAMP_NTZ'" + t + "'";
    } else if (value instanceof Instant i) {
      // the session computes in UTC (LakehouseSession), so an instant is written as UTC wall time
      return "TIMESTAMP'" + LocalDateTime.ofInstant(i, java.time.ZoneOffset.UTC) + "'";
    } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
      return value.toString();
    } else if (value instanceof BigDecimal d) {
      return d.toPlainString() + "BD";
    } else if (value instanceof Float || value instanceof Double) {
      return "CAST('" + value + "' AS DOUBLE)";
    }
    return "'" + value.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** {@code column = literal}, or {@code column IS NULL}. */
  public static String equalTo(String column, Object value) {
    return value == null ? column + " IS NULL" : column + " = " + of(value);
  }

  /** A backquoted identifier part. */
  public static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
