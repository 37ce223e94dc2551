package io.historylane.backfill.facts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.historylane.backfill.common.IcebergTables;
import io.historylane.core.config.BucketConfig;
import io.historylane.core.config.TableConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.lake.TableChecksum;
import io.historylane.core.session.LakehouseSession;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A long-term fact table in Iceberg: created from config on first use (format v2, partitioned by
 * day of the event time and bucketed by the configured key, with a sort order and a target file
 * size), evolved when the source gains a column or widens a type, and read and written by day.
 */
final class FactTable {
  private final LakehouseSession session;
  private final String name;
  private final TableConfig config;

  FactTable(LakehouseSession session, String name, TableConfig config) {
    this.session = session;
    this.name = name;
    this.config = config;
  }

  String identifier() {
    return config.iceberg();
  }

  /** {@code lake.history.sales}, or {@code lake.history.sales.branch_b} to read or write a branch. */
  String sparkIdentifier(String branch) {
    String base = session.icebergCatalogName() + "." + config.iceberg();
    return branch == null ? base : base + ".branch_" + branch;
  }

  boolean exists() {
    return session.icebergTableExists(config.iceberg());
  }

  Table load() {
    return session.icebergTable(config.iceberg());
  }

  /** Checks the config's columns against the source before anything is created or read. */
  void checkColumns(StructType source) {
    List<String> names = Arrays.asList(source.fieldNames());
    List<String> needed = new ArrayList<>(config.keys());
    needed.add(config.eventTime());
    if (config.bucket() != null) {
      needed.add(config.bucket().column());
    }
    needed.addAll(config.sort());
    for (String column : needed) {
      if (!names.contains(column)) {
        throw new BadInputException("tables." + name + " names column " + column + ", which its source does not have"
            + " (columns: " + names + "). Fix: correct keys, event-time, bucket or sort in the config");
      }
    }
    DataType eventType = source.apply(config.eventTime()).dataType();
    if (!eventType.equals(DataTypes.TimestampNTZType) && !eventType.equals(DataTypes.TimestampType)
        && !eventType.equals(DataTypes.DateType)) {
      throw new BadInputException("tables." + name + ".event-time " + config.eventTime() + " is "
          + eventType.simpleString() + ", not a timestamp or date. Fix: name a timestamp or date column");
    }
    if (eventType.equals(DataTypes.TimestampType) && !session.config().timezone().equals(ZoneOffset.UTC)
        && !session.config().timezone().getId().equals("UTC")) {
      throw new BadInputException("tables." + name + ".event-time " + config.eventTime() + " is a timestamp with time"
          + " zone, whose Iceberg day partitions are UTC days, but timezone is " + session.config().timezone()
          + ". Fix: set timezone: UTC, or partition by a wall-clock (timestamp without time zone) column");
    }
  }

  /** Creates the table from config and the source's columns. */
  Table create(StructType source) {
    Schema schema = SparkSchemaUtil.convert(source);
    PartitionSpec.Builder spec = PartitionSpec.builderFor(schema).day(config.eventTime());
    BucketConfig bucket = config.bucket();
    if (bucket != null) {
      spec.bucket(bucket.column(), bucket.count());
    }
    SortOrder.Builder order = SortOrder.builderFor(schema);
    config.sort().forEach(order::asc);
    Map<String, String> props = new HashMap<>();
    props.put(TableProperties.FORMAT_VERSION, "2");
    props.put(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, String.valueOf(config.targetFileSize().bytes()));
    props.put(TableProperties.WRITE_DISTRIBUTION_MODE, TableProperties.WRITE_DISTRIBUTION_MODE_HASH);
    props.put("historylane.table", name);
    TableIdentifier id = TableIdentifier.parse(config.iceberg());
    IcebergTables.ensureNamespace(session, id);
    return session.icebergCatalog().buildTable(id, schema)
        .withPartitionSpec(spec.build())
        .withSortOrder(config.sort().isEmpty() ? SortOrder.unsorted() : order.build())
        .withProperties(props)
        .create();
  }

  /** The table's columns as Spark sees them. */
  static StructType sparkSchema(Table table) {
    return SparkSchemaUtil.convert(table.schema());
  }

  /** {@code rows} with exactly the table's columns and types: missing columns as nulls. */
  static Dataset<Row> project(Dataset<Row> rows, StructType tableSchema) {
    List<String> available = Arrays.asList(rows.columns());
    List<Column> cols = new ArrayList<>();
    for (StructField f : tableSchema.fields()) {
      Column c = available.contains(f.name()) ? col("`" + f.name() + "`") : lit(null);
      cols.add(c.cast(f.dataType()).as(f.name()));
    }
    return rows.select(cols.toArray(Column[]::new));
  }

  Column day() {
    return to_date(col("`" + config.eventTime() + "`"));
  }

  /** Rows whose event time falls on one of {@code days} (consecutive days become one range). */
  Column onDays(List<LocalDate> days, DataType eventType) {
    Column condition = lit(false);
    List<LocalDate> sorted = days.stream().sorted().toList();
    int i = 0;
    while (i < sorted.size()) {
      int j = i;
      while (j + 1 < sorted.size() && sorted.get(j + 1).equals(sorted.get(j).plusDays(1))) {
        j++;
      }
      Column ev = col("`" + config.eventTime() + "`");
      condition = condition.or(ev.geq(boundary(sorted.get(i), eventType)).and(ev.lt(boundary(sorted.get(j).plusDays(1), eventType))));
      i = j + 1;
    }
    return condition;
  }

  private static Column boundary(LocalDate day, DataType eventType) {
    if (eventType.equals(DataTypes.TimestampNTZType)) {
      return lit(day.atStartOfDay());
    } else if (eventType.equals(DataTypes.TimestampType)) {
      return lit(Instant.from(day.atStartOfDay(ZoneOffset.UTC)));
    }
    return lit(day);
  }

  /** Rows and checksum per day of {@code rows} (which hold the table's columns) on {@code days}. */
  Map<LocalDate, TableChecksum.Sum> dayStats(Dataset<Row> rows, List<LocalDate> days, DataType eventType) {
    Column[] aggregates = TableChecksum.aggregates(Arrays.asList(rows.columns()));
    return perDay(rows, days, eventType, aggregates[0], aggregates[1]);
  }

  /** Rows per day of {@code rows} on {@code days}, with a zero checksum: for when no checksum is compared. */
  Map<LocalDate, TableChecksum.Sum> dayCounts(Dataset<Row> rows, List<LocalDate> days, DataType eventType) {
    return perDay(rows, days, eventType, count(lit(1)), lit(BigDecimal.ZERO));
  }

  private Map<LocalDate, TableChecksum.Sum> perDay(Dataset<Row> rows, List<LocalDate> days, DataType eventType,
      Column count, Column checksum) {
    Map<LocalDate, TableChecksum.Sum> out = new HashMap<>();
    if (days.isEmpty()) {
      return out;
    }
    for (Row r : rows.filter(onDays(days, eventType)).groupBy(day().as("day")).agg(count, checksum).collectAsList()) {
      out.put(r.getDate(0).toLocalDate(), new TableChecksum.Sum(r.getLong(1), r.getDecimal(2)));
    }
    return out;
  }
}
