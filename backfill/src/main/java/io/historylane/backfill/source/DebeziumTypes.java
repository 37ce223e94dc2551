package io.historylane.backfill.source;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.historylane.core.error.BadInputException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Converts Debezium's semantic types (cdc-and-scd2.md), which arrive as plain Avro values, into the
 * Spark types a table holds. Runs in a UTC session (LakehouseSession), where casting to
 * TIMESTAMP_NTZ keeps Debezium's wall-clock values exactly.
 */
public final class DebeziumTypes {
  private DebeziumTypes() {}

  /**
   * @param value the raw column
   * @param connectName the field's {@code connect.name}, or null for a plain type
   * @param column the column's name, for the error message
   */
  public static Column convert(Column value, String connectName, String column) {
    if (connectName == null) {
      return value;
    }
    return switch (connectName) {
      // timestamp without time zone: wall-clock micros/millis/nanos since the epoch
      case "io.debezium.time.MicroTimestamp" -> call_function("timestamp_micros", value).cast(DataTypes.TimestampNTZType);
      case "io.debezium.time.Timestamp" -> call_function("timestamp_millis", value).cast(DataTypes.TimestampNTZType);
      case "io.debezium.time.NanoTimestamp" ->
          call_function("timestamp_micros", value.divide(lit(1000)).cast(DataTypes.LongType)).cast(DataTypes.TimestampNTZType);
      // timestamp with time zone: an ISO-8601 string with offset, an instant
      case "io.debezium.time.ZonedTimestamp" -> instant(value);
      case "io.debezium.time.Date" -> call_function("date_from_unix_date", value);
      case "io.debezium.data.VariableScaleDecimal" -> throw new BadInputException("column " + column
          + " is a numeric without a fixed scale (io.debezium.data.VariableScaleDecimal), which has no table type."
          + " Fix: give the Postgres column a precision and scale, or set decimal.handling.mode=string in Debezium");
      // times of day, JSON, UUIDs, enums and the like keep their Avro type
      default -> value;
    };
  }

  /**
   * An ISO-8601 string with an offset, as an instant. Cast directly, Spark resolves each value's
   * zone with regular expressions compiled anew for every row (a tenth of a fact backfill's CPU).
   * Debezium writes these strings in UTC ({@code ...Z}): such a string is the wall-clock time it
   * names, read without the zone and taken as UTC, which the UTC session does; any other offset is
   * cast as before.
   */
  private static Column instant(Column value) {
    Column wallClock = value.substr(lit(1), length(value).minus(1)).cast(DataTypes.TimestampNTZType);
    return when(value.endsWith("Z"), wallClock.cast(DataTypes.TimestampType)).otherwise(value.cast(DataTypes.TimestampType));
  }
}
