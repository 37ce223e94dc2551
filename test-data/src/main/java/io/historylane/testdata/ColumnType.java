package io.historylane.testdata;

/**
 * The Postgres column types of the sample domain, each with the way Debezium encodes it in Avro
 * (cdc-and-scd2.md): semantic types arrive as plain Avro types with a {@code connect.name}.
 */
public enum ColumnType {
  BIGINT(null),
  INT(null),
  TEXT(null),
  /** numeric(10,2): Connect Decimal, Avro bytes with the decimal logical type. */
  MONEY("org.apache.kafka.connect.data.Decimal"),
  /** numeric(5,4): a rate such as a commission. */
  RATE("org.apache.kafka.connect.data.Decimal"),
  /** timestamp without time zone: {@code io.debezium.time.MicroTimestamp}, long micros. */
  TIMESTAMP("io.debezium.time.MicroTimestamp"),
  /** timestamp with time zone: {@code io.debezium.time.ZonedTimestamp}, an ISO-8601 string. */
  TIMESTAMPTZ("io.debezium.time.ZonedTimestamp"),
  /** date: {@code io.debezium.time.Date}, int days since the epoch. */
  DATE("io.debezium.time.Date");

  private final String connectName;

  ColumnType(String connectName) {
    this.connectName = connectName;
  }

  public String connectName() {
    return connectName;
  }

  public int precision() {
    return this == MONEY ? 10 : 5;
  }

  public int scale() {
    return this == MONEY ? 2 : 4;
  }
}
