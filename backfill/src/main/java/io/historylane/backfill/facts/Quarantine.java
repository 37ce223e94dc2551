package io.historylane.backfill.facts;

import io.historylane.core.session.Locations;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Where records a run could not use are kept: {@code <quarantine>/<table>/<run-id>/records/} as
 * JSON lines (reason, file, lsn, op, commit time, key), and unreadable files listed in
 * {@code files/}. Nothing is deleted from the archive.
 */
final class Quarantine {
  private Quarantine() {}

  static String location(SparkSession spark, String quarantineDir, String table, String runId) {
    return Locations.join(Locations.join(Locations.normalize(quarantineDir), table), runId);
  }

  static void writeRecords(Dataset<Row> rejects, String location) {
    rejects.coalesce(1).write().mode(SaveMode.Overwrite).json(Locations.join(location, "records"));
  }

  static void writeFiles(SparkSession spark, List<String[]> unreadable, String location) {
    StructType schema = new StructType().add("file", DataTypes.StringType).add("reason", DataTypes.StringType);
    List<Row> rows = unreadable.stream().map(u -> RowFactory.create(u[0], u[1])).toList();
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).json(Locations.join(location, "files"));
  }
}
