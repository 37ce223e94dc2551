package io.historylane.compaction.verify;

import static org.apache.spark.sql.functions.lit;

import io.historylane.compaction.Verification;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.lake.TableChecksum;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Proves a rewrite changed layout only: the rewritten partitions read at the snapshot before and
 * at the snapshot after must hold the same rows (count and order-independent checksum). Both
 * formats time-travel with {@code VERSION AS OF <snapshot id>}.
 */
public final class LayoutVerifier {
  private static final String SIDE = "__historylane_side";

  private final SparkSession spark;
  private final String sparkTable;
  private final String rollbackAdvice;

  /**
   * @param sparkTable the table as Spark names it ({@code lake.history.sales})
   * @param rollbackAdvice how to undo the rewrite, appended to the failure (format-specific)
   */
  public LayoutVerifier(SparkSession spark, String sparkTable, String rollbackAdvice) {
    this.spark = spark;
    this.sparkTable = sparkTable;
    this.rollbackAdvice = rollbackAdvice;
  }

  /**
   * @param partitions the rewritten partitions, for the report and the error
   * @param where a SQL predicate selecting exactly those partitions
   * @throws RunFailedException when the content differs
   */
  public Verification verify(long before, long after, List<String> partitions, String where) {
    // both snapshots in one job: the two scans share the cores instead of running one after the other
    Dataset<Row> beforeRows = read(before, where);
    List<String> columns = Arrays.asList(beforeRows.columns());
    Column[] sums = TableChecksum.aggregates(columns);
    Map<Integer, TableChecksum.Sum> bySide = new HashMap<>();
    bySide.put(0, TableChecksum.Sum.EMPTY);
    bySide.put(1, TableChecksum.Sum.EMPTY);
    for (Row r : beforeRows.withColumn(SIDE, lit(0)).unionByName(read(after, where).withColumn(SIDE, lit(1)))
        .groupBy(SIDE).agg(sums[0], sums[1]).collectAsList()) {
      bySide.put(r.getInt(0), new TableChecksum.Sum(r.getLong(1), r.getDecimal(2)));
    }
    TableChecksum.Sum was = bySide.get(0);
    TableChecksum.Sum now = bySide.get(1);
    if (was.rows() != now.rows() || was.checksum().compareTo(now.checksum()) != 0) {
      throw new RunFailedException("compaction changed the content of " + sparkTable + ": partitions " + partitions
          + " hold " + was.rows() + " rows (checksum " + was.checksum() + ") at snapshot " + before + " but "
          + now.rows() + " rows (checksum " + now.checksum() + ") at snapshot " + after
          + ". The rewrite is committed: " + rollbackAdvice);
    }
    return new Verification(before, after, partitions, now.rows(), now.checksum());
  }

  private Dataset<Row> read(long snapshot, String where) {
    return spark.sql("SELECT * FROM " + sparkTable + " VERSION AS OF " + snapshot + " WHERE " + where);
  }
}
