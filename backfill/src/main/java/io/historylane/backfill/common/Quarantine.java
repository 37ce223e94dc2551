package io.historylane.backfill.common;

import io.historylane.core.session.Locations;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Where records a run could not use are kept: {@code <quarantine>/<table>/<run-id>/records/} as
 * JSON lines (reason, file, lsn, op, commit time, key), and files that could not be read listed in
 * {@code files/}. Nothing is deleted from the source.
 */
final class Quarantine {
  private Quarantine() {}

  static String location(String quarantineDir, String table, String runId) {
    return Locations.join(Locations.join(Locations.normalize(quarantineDir), table), runId);
  }

  static void writeRecords(Dataset<Row> rejects, String location) {
    rejects.coalesce(1).write().mode(SaveMode.Overwrite).json(Locations.join(location, "records"));
  }

  /** Lists unreadable files (path and reason) in {@code files/}; the files stay where they are. */
  static void writeFiles(SparkSession spark, Map<String, String> unreadable, String location) {
    if (unreadable.isEmpty()) {
      return;
    }
    StructType schema = new StructType().add("file", DataTypes.StringType).add("reason", DataTypes.StringType);
    List<Row> rows = unreadable.entrySet().stream().map(e -> RowFactory.create(e.getKey(), e.getValue())).toList();
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).json(Locations.join(location, "files"));
  }
}
