package io.historylane.testdata;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Lands a history in Paimon primary-key tables as a Flink CDC job would: one commit per batch
 * window (a checkpoint), upserts and deletes, the source commit time in an {@code op_ts} column
 * (Flink CDC's metadata column), and the sales table's additive schema change applied with ALTER
 * TABLE when the history reaches it.
 */
public final class PaimonHistoryWriter {
  public static final String OP_TS = "op_ts";

  private PaimonHistoryWriter() {}

  /**
   * @param catalog the Spark catalog name of the Paimon catalog
   * @param database the Paimon database (created if missing)
   * @param windowMillis the batch window: one Paimon commit per window
   * @return commits made per table
   */
  public static Map<String, Integer> write(SparkSession spark, String catalog, String database, DomainHistory history,
      List<TableDef> tables, long windowMillis) {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + catalog + "." + database);
    Map<String, Integer> commits = new LinkedHashMap<>();
    for (TableDef table : tables) {
      String name = catalog + "." + database + "." + table.name();
      spark.sql("DROP TABLE IF EXISTS " + name);
      spark.sql("CREATE TABLE " + name + " (" + columnsDdl(table, 1) + ", " + OP_TS + " TIMESTAMP) TBLPROPERTIES ("
          + "'primary-key' = '" + table.key() + "', 'bucket' = '2', 'changelog-producer' = 'input')");
      int version = 1;
      int n = 0;
      for (List<ChangeEvent> window : windows(history.events(table.name()), windowMillis)) {
        int windowVersion = window.stream().mapToInt(ChangeEvent::schemaVersion).max().orElse(1);
        if (windowVersion > version) {
          for (ColumnDef added : table.addedColumns()) {
            spark.sql("ALTER TABLE " + name + " ADD COLUMN " + added.name() + " " + sqlType(added.type()));
          }
          version = windowVersion;
        }
        Map<Long, ChangeEvent> last = new LinkedHashMap<>();
        for (ChangeEvent e : window) {
          if (e.op() != 't' && e.op() != 'm') {
            last.put(e.key(), e);
          }
        }
        List<Row> upserts = new ArrayList<>();
        List<Long> deletes = new ArrayList<>();
        for (ChangeEvent e : last.values()) {
          if (e.op() == 'd') {
            deletes.add(e.key());
          } else {
            upserts.add(row(table, version, e));
          }
        }
        if (!upserts.isEmpty()) {
          append(spark.createDataFrame(upserts, schema(table, version)), name);
          n++;
        }
        if (!deletes.isEmpty()) {
          spark.sql("DELETE FROM " + name + " WHERE " + table.key() + " IN ("
              + deletes.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
          n++;
        }
      }
      commits.put(table.name(), n);
    }
    return commits;
  }

  private static void append(org.apache.spark.sql.Dataset<Row> rows, String table) {
    try {
      rows.writeTo(table).append();
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new IllegalStateException("the table created above is gone: " + table, e);
    }
  }

  private static List<List<ChangeEvent>> windows(List<ChangeEvent> events, long windowMillis) {
    Map<Long, List<ChangeEvent>> byWindow = new java.util.TreeMap<>();
    for (ChangeEvent e : events) {
      byWindow.computeIfAbsent(Math.floorDiv(e.commitMillis(), windowMillis), w -> new ArrayList<>()).add(e);
    }
    return new ArrayList<>(byWindow.values());
  }

  private static String columnsDdl(TableDef table, int version) {
    return table.columns(version).stream()
        .map(c -> c.name() + " " + sqlType(c.type()) + (c.nullable() || c.name().equals(table.key()) ? "" : " NOT NULL"))
        .collect(Collectors.joining(", "));
  }

  static String sqlType(ColumnType type) {
    return switch (type) {
      case BIGINT -> "BIGINT";
      case INT -> "INT";
      case TEXT -> "STRING";
      case MONEY, RATE -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
      case TIMESTAMP -> "TIMESTAMP_NTZ";
      case TIMESTAMPTZ -> "TIMESTAMP";
      case DATE -> "DATE";
    };
  }

  private static DataType sparkType(ColumnType type) {
    return switch (type) {
      case BIGINT -> DataTypes.LongType;
      case INT -> DataTypes.IntegerType;
      case TEXT -> DataTypes.StringType;
      case MONEY, RATE -> DataTypes.createDecimalType(type.precision(), type.scale());
      case TIMESTAMP -> DataTypes.TimestampNTZType;
      case TIMESTAMPTZ -> DataTypes.TimestampType;
      case DATE -> DataTypes.DateType;
    };
  }

  private static StructType schema(TableDef table, int version) {
    List<StructField> fields = new ArrayList<>();
    for (ColumnDef c : table.columns(version)) {
      fields.add(DataTypes.createStructField(c.name(), sparkType(c.type()), true));
    }
    fields.add(DataTypes.createStructField(OP_TS, DataTypes.TimestampType, true));
    return DataTypes.createStructType(fields);
  }

  private static Row row(TableDef table, int version, ChangeEvent e) {
    List<Object> values = new ArrayList<>();
    for (ColumnDef c : table.columns(version)) {
      Object v = e.row().get(c.name());
      if (v instanceof Instant i) {
        v = Timestamp.from(i);
      } else if (v instanceof LocalDate d) {
        v = java.sql.Date.valueOf(d);
      }
      values.add(v);
    }
    values.add(Timestamp.from(Instant.ofEpochMilli(e.commitMillis())));
    return RowFactory.create(values.toArray());
  }
}
