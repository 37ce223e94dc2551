package io.historylane.backfill.common;

import io.historylane.core.session.Locations;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Where records a run could not use are kept: {@code <quarantine>/<table>/<run-id>/records/} as
 * JSON lines (reason, file, lsn, op, commit time, key). Nothing is deleted from the source.
 */
final class Quarantine {
  private Quarantine() {}

  static String location(String quarantineDir, String table, String runId) {
    return Locations.join(Locations.join(Locations.normalize(quarantineDir), table), runId);
  }

  static void writeRecords(Dataset<Row> rejects, String location) {
    rejects.coalesce(1).write().mode(SaveMode.Overwrite).json(Locations.join(location, "records"));
  }
}
