package io.historylane.backfill.dims;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_utc_timestamp;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reading a type-2 dimension at a point in time. Versions are half-open, so the version valid at T
 * is the one with {@code valid_from <= T < valid_to} (or no valid_to); a key deleted at T has none.
 * Each method has a SQL twin a user can copy ({@link #asOfSql}, {@link #joinSql}).
 */
public final class PointInTime {
  private PointInTime() {}

  /** The dimension as of {@code at}: one row per key that existed then. */
  public static Dataset<Row> asOf(Dataset<Row> dimension, Instant at) {
    return dimension.filter(validAt(lit(Timestamp.from(at)), col(DimensionSchema.VALID_FROM), col(DimensionSchema.VALID_TO)));
  }

  /**
   * Joins every fact to the dimension version valid at the fact's event time (a sale to the
   * employee as they were when it was sold). A fact whose key had no version then keeps nulls.
   *
   * @param factTime the fact's event-time column; a wall-clock timestamp (without zone) is read
   *     in {@code zone}, the zone the source database writes wall-clock times in
   * @param keys the join keys, named alike in both
   * @param prefix prepended to the dimension's columns in the result (e.g. {@code employee_})
   */
  public static Dataset<Row> join(Dataset<Row> facts, String factTime, Dataset<Row> dimension, List<String> keys,
      ZoneId zone, String prefix) {
    Dataset<Row> d = dimension;
    for (String c : dimension.columns()) {
      d = d.withColumnRenamed(c, prefix + c);
    }
    Column at = facts.col(factTime);
    if (facts.schema().apply(factTime).dataType().equals(DataTypes.TimestampNTZType)) {
      at = to_utc_timestamp(at.cast(DataTypes.TimestampType), zone.getId());
    }
    Column on = validAt(at, d.col(prefix + DimensionSchema.VALID_FROM), d.col(prefix + DimensionSchema.VALID_TO));
    for (String k : keys) {
      on = on.and(facts.col(k).equalTo(d.col(prefix + k)));
    }
    return facts.join(d, on, "left");
  }

  private static Column validAt(Column at, Column validFrom, Column validTo) {
    return validFrom.leq(at).and(validTo.isNull().or(validTo.gt(at)));
  }

  /** SQL for "the dimension as of a time": {@code SELECT * FROM dim WHERE ...}. */
  public static String asOfSql(String dimension, String timestampLiteral) {
    return "SELECT * FROM " + dimension + "\nWHERE valid_from <= TIMESTAMP '" + timestampLiteral + "'\n"
        + "  AND (valid_to IS NULL OR valid_to > TIMESTAMP '" + timestampLiteral + "')";
  }

  /** SQL joining facts to the version valid at each fact's (wall-clock) event time. */
  public static String joinSql(String facts, String factTime, String dimension, String key, String zone) {
    String at = "to_utc_timestamp(CAST(f." + factTime + " AS TIMESTAMP), '" + zone + "')";
    return "SELECT f.*, d.*\nFROM " + facts + " f\nLEFT JOIN " + dimension + " d\n"
        + "  ON d." + key + " = f." + key + "\n"
        + " AND d.valid_from <= " + at + "\n"
        + " AND (d.valid_to IS NULL OR d.valid_to > " + at + ")";
  }
}
