package io.historylane.backfill.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.when;

import io.historylane.core.config.DebeziumSourceConfig;
import io.historylane.core.config.TableConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.session.JobGroup;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.session.Locations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.avro.SchemaConverters;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one topic of the Debezium Avro archive (Kafka Connect S3 sink layout) through spark-avro
 * as a normalized {@link ChangeStream}: every op code, Debezium's semantic types converted, files
 * of older schemas read together with newer ones, and bad records marked with the reason.
 */
public final class DebeziumArchiveSource {
  private final LakehouseSession session;
  private final String tableName;
  private final TableConfig table;
  private final DebeziumSourceConfig source;

  public DebeziumArchiveSource(LakehouseSession session, String tableName, TableConfig table) {
    this.session = session;
    this.tableName = tableName;
    this.table = table;
    this.source = table.source().debezium();
  }

  public DebeziumSourceConfig config() {
    return source;
  }

  public String topicRoot() {
    return Locations.join(Locations.normalize(session.config().archive().root()), source.topic());
  }

  /**
   * Lists the topic and inspects the files that may hold changes committed in [from, to): those
   * in the window are checked for schema and readability, later ones for snapshot reads.
   */
  public ArchiveScan scan(Instant from, Instant to, boolean laterSnapshots) {
    try (JobGroup g = JobGroup.start(session.spark(), "archive-scan", tableName + ": inspect archive files of " + source.topic())) {
      List<ArchiveFile> all = ArchiveListing.list(session.spark().sparkContext().hadoopConfiguration(), topicRoot());
      if (all.isEmpty()) {
        throw new BadInputException("the archive folder " + topicRoot() + " holds no .avro files: check archive.root and "
            + "tables." + tableName + ".source.debezium.topic");
      }
      List<ArchiveFile> inspect = new ArrayList<>(ArchiveScan.overlapping(all, from, to));
      if (laterSnapshots) {
        inspect.addAll(ArchiveScan.after(all, to));
      }
      if (inspect.isEmpty()) {
        inspect.add(newest(all)); // a quiet window still needs the topic's schema
      }
      return new ArchiveScan(source.topic(), all, AvroFileInspector.inspect(session.spark(), inspect));
    }
  }

  private static ArchiveFile newest(List<ArchiveFile> files) {
    return files.stream().filter(ArchiveFile::hasFolderTime).max(java.util.Comparator.comparing(ArchiveFile::folderStart))
        .orElse(files.get(files.size() - 1));
  }

  /**
   * Reads {@code plan}'s files as a normalized change stream; a plan without files gives an empty
   * stream with the topic's columns.
   *
   * @param requiredInRows columns a created, updated or read row must have (a fact's event time):
   *     a row without one is marked as a bad record
   */
  public ChangeStream read(ArchiveScan scan, SourcePlan plan, List<String> requiredInRows) {
    ReaderSchema reader = scan.readerSchema(plan);
    for (String key : table.keys()) {
      requireColumn(reader, key, "keys");
    }
    for (String column : requiredInRows) {
      requireColumn(reader, column, "event-time");
    }
    Column file;
    Dataset<Row> raw;
    if (plan.inputs().isEmpty()) {
      StructType envelope = (StructType) SchemaConverters.toSqlType(reader.envelope()).dataType();
      raw = session.spark().createDataFrame(List.of(), envelope);
      file = lit(null).cast("string");
    } else {
      String[] paths = plan.inputs().stream().map(SourcePlan.SourceInput::location).toArray(String[]::new);
      raw = session.spark().read().format("avro").option("avroSchema", reader.envelope().toString()).load(paths);
      file = col("_metadata.file_path");
    }
    return new ChangeStream(normalize(raw, reader, requiredInRows, file), dataSchema(raw, reader), table.keys(), plan);
  }

  /** The files of {@code plan} that cannot be read to the end, with the reason (after a failed read). */
  public Map<String, String> unreadable(SourcePlan plan) {
    try (JobGroup g = JobGroup.start(session.spark(), "archive-check", tableName + ": find the unreadable archive file")) {
      Map<String, String> out = new java.util.LinkedHashMap<>();
      AvroFileInspector.readFully(session.spark(), plan.inputs().stream().map(SourcePlan.SourceInput::location).toList())
          .forEach(i -> out.put(i.path(), i.error()));
      return out;
    }
  }

  private void requireColumn(ReaderSchema reader, String column, String key) {
    if (reader.value().getField(column) == null) {
      throw new BadInputException("tables." + tableName + "." + key + " names column " + column + ", which "
          + source.topic() + " does not have (its columns: " + reader.value().getFields().stream().map(Schema.Field::name).toList()
          + "). Fix: correct the config");
    }
  }

  private Dataset<Row> normalize(Dataset<Row> raw, ReaderSchema reader, List<String> requiredInRows, Column file) {
    Column op = col("op");
    Column isDelete = op.equalTo("d");
    List<Column> select = new ArrayList<>();
    for (Schema.Field field : reader.value().getFields()) {
      String name = field.name();
      boolean key = table.keys().contains(name);
      // a delete names its row by key (the before image); its other columns mean nothing
      Column rawValue = key ? when(isDelete, col("before." + name)).otherwise(col("after." + name))
          : when(isDelete, lit(null)).otherwise(col("after." + name));
      select.add(DebeziumTypes.convert(rawValue, reader.connectName(name), name).as(name));
    }
    Column rowOp = op.isin("c", "u", "r");
    Column keyOp = op.isin("c", "u", "r", "d");
    Column nullKey = lit(false);
    for (String key : table.keys()) {
      nullKey = nullKey.or(when(isDelete, col("before." + key)).otherwise(col("after." + key)).isNull());
    }
    Column missingRequired = lit(false);
    for (String column : requiredInRows) {
      missingRequired = missingRequired.or(col("after." + column).isNull());
    }
    Column reject = when(op.isNull().or(op.isin("c", "u", "d", "r", "t", "m").unary_$bang()),
            concat(lit("unknown op code '"), op, lit("'")))
        .when(keyOp.and(nullKey), lit("null key (" + String.join(", ", table.keys()) + ")"))
        .when(keyOp.and(col("source.lsn").isNull()), lit("no source.lsn"))
        .when(rowOp.and(missingRequired), lit("null " + String.join(", ", requiredInRows)));
    select.add(op.as(ChangeColumns.OP));
    select.add(col("source.lsn").as(ChangeColumns.LSN));
    select.add(when(op.equalTo("r"), lit(0)).otherwise(lit(1)).as(ChangeColumns.RANK));
    select.add(col("source.ts_ms").as(ChangeColumns.COMMIT_MS));
    select.add(monotonically_increasing_id().as(ChangeColumns.POS));
    select.add(file.as(ChangeColumns.FILE));
    select.add(reject.as(ChangeColumns.REJECT));
    return raw.select(select.toArray(Column[]::new));
  }

  private StructType dataSchema(Dataset<Row> raw, ReaderSchema reader) {
    StructType normalized = normalize(raw, reader, List.of(), lit(null).cast("string")).schema();
    List<StructField> fields = new ArrayList<>();
    for (StructField f : normalized.fields()) {
      if (!ChangeColumns.isMetadata(f.name())) {
        fields.add(f);
      }
    }
    return new StructType(fields.toArray(StructField[]::new));
  }
}
