package io.historylane.bench;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.historylane.core.session.LakehouseSession;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The baseline of {@code bench/run facts}: the backfill of the sales range as a data engineer would
 * write it by hand, one Spark query. It reads the same archive files with the topic's newest schema
 * (older files read the added tip column as null), keeps each sale's last change by
 * {@code (source.lsn, a snapshot read below a change at the same LSN, source.ts_ms)} with
 * {@code row_number} (duplicates collapse), drops sales whose last change is a delete, converts
 * Debezium's types (MicroTimestamp, ZonedTimestamp), and overwrites the range of an Iceberg table
 * made like historylane's: format v2, day of sold_at and 4 buckets of provider_id, sorted by
 * provider_id and sold_at, hash-distributed, the same target file size. Nothing else: no
 * inspection of files, no bad-record checks, no per-day comparison, one commit, no report.
 */
final class HandWrittenFactJob {
  private static final String EVENT_TIME = "sold_at";

  private HandWrittenFactJob() {}

  /** The rows the range holds: one per sale, its last state, deleted sales left out. */
  static Dataset<Row> rows(SparkSession spark, List<String> files, String avroSchema, LocalDate from, LocalDate to) {
    Dataset<Row> changes = spark.read().format("avro").option("avroSchema", avroSchema).load(files.toArray(String[]::new))
        .filter(col("op").isin("c", "u", "d", "r"))
        .select(coalesce(col("after.sale_id"), col("before.sale_id")).as("key"), col("source.lsn").as("lsn"),
            when(col("op").equalTo("r"), 0).otherwise(1).as("rank"), col("source.ts_ms").as("commit_ms"), col("op"),
            col("after"));
    Dataset<Row> last = changes.withColumn("n", row_number().over(Window.partitionBy("key")
            .orderBy(col("lsn").desc(), col("rank").desc(), col("commit_ms").desc())))
        .filter(col("n").equalTo(1).and(col("op").notEqual("d")));
    Column soldAt = call_function("timestamp_micros", col("after.sold_at")).cast(DataTypes.TimestampNTZType);
    return last.select(col("after.sale_id"), col("after.provider_id"), col("after.employee_id"), col("after.customer_id"),
            col("after.service_id"), col("after.appointment_id"), soldAt.as(EVENT_TIME), col("after.amount"),
            col("after.currency"), col("after.payment_method"), col("after.updated_at").cast(DataTypes.TimestampType).as("updated_at"),
            col("after.tip"))
        .filter(inRange(from, to));
  }

  /** Replaces [from, to) of {@code table} with the range's rows. */
  static void overwrite(Dataset<Row> rows, String table, LocalDate from, LocalDate to) {
    try {
      rows.writeTo(table).overwrite(inRange(from, to));
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("create " + table + " first", e);
    }
  }

  /** Creates the table the job writes, made like historylane's sales table, for {@code rows}' columns. */
  static void createTable(LakehouseSession session, String identifier, Dataset<Row> rows, long targetFileSize) {
    Schema schema = SparkSchemaUtil.convert(rows.schema());
    session.icebergCatalog().buildTable(TableIdentifier.parse(identifier), schema)
        .withPartitionSpec(PartitionSpec.builderFor(schema).day(EVENT_TIME).bucket("provider_id", 4).build())
        .withSortOrder(SortOrder.builderFor(schema).asc("provider_id").asc(EVENT_TIME).build())
        .withProperties(Map.of(TableProperties.FORMAT_VERSION, "2",
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, String.valueOf(targetFileSize),
            TableProperties.WRITE_DISTRIBUTION_MODE, TableProperties.WRITE_DISTRIBUTION_MODE_HASH))
        .create();
  }

  private static Column inRange(LocalDate from, LocalDate to) {
    return col(EVENT_TIME).geq(lit(from.atStartOfDay())).and(col(EVENT_TIME).lt(lit(to.atStartOfDay())));
  }
}
