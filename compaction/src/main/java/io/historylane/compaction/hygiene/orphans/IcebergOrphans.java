package io.historylane.compaction.hygiene.orphans;

import io.historylane.compaction.hygiene.quarantine.StoragePaths;
import io.historylane.core.error.RunFailedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.DeleteOrphanFiles.PrefixMismatchMode;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.spark.sql.SparkSession;

/**
 * Finds an Iceberg table's orphans with Iceberg's own action, deleting nothing: every file under
 * the table location that no snapshot, tag or branch references, listed through Hadoop as
 * {@code s3a://} while metadata says {@code s3://} (equal schemes), and a prefix mismatch is an
 * error, never a guess (iceberg#4194, #4652).
 */
final class IcebergOrphans {
  private IcebergOrphans() {}

  static List<String> find(SparkSession spark, Table table, long olderThanMillis) {
    List<String> found = Collections.synchronizedList(new ArrayList<>());
    try {
      SparkActions.get(spark).deleteOrphanFiles(table)
          .location(StoragePaths.forHadoop(table.location()))
          .olderThan(olderThanMillis)
          .equalSchemes(Map.of("s3a,s3n", "s3"))
          .prefixMismatchMode(PrefixMismatchMode.ERROR)
          .deleteWith(found::add)
          .execute();
    } catch (ValidationException e) {
      throw new RunFailedException("the orphan search of " + table.name() + " stopped: " + e.getMessage()
          + ". Nothing was moved; a path seen under two schemes or authorities would be mistaken for an orphan");
    }
    return List.copyOf(found);
  }
}
