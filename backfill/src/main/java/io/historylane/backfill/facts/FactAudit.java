package io.historylane.backfill.facts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.historylane.core.config.TableConfig;
import io.historylane.core.lake.TableChecksum;
import io.historylane.core.time.DateRange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;

/** The audit of write-audit-publish: what a branch must satisfy before main may see it. */
final class FactAudit {
  private FactAudit() {}

  /**
   * @return the failures, empty when the branch passes: rows per rewritten day equal the history's,
   *     no key is null, no key appears twice in the range
   */
  static List<String> audit(SparkSession spark, FactTable table, TableConfig config, String branch, DateRange range,
      List<LocalDate> rewritten, List<DayStats> expected, DataType eventType) {
    List<String> failures = new ArrayList<>();
    Dataset<Row> rows = spark.table(table.sparkIdentifier(branch)).filter(table.onDays(range.eachDay(), eventType));
    Map<LocalDate, TableChecksum.Sum> actual = table.dayStats(rows, rewritten, eventType);
    for (DayStats day : expected) {
      if (day.changed()) {
        long got = actual.getOrDefault(day.day(), TableChecksum.Sum.EMPTY).rows();
        if (got != day.sourceRows()) {
          failures.add(day.day() + " holds " + got + " rows, the history says " + day.sourceRows());
        }
      }
    }
    Column nullKey = lit(false);
    for (String key : config.keys()) {
      nullKey = nullKey.or(col("`" + key + "`").isNull());
    }
    long nulls = rows.filter(nullKey).count();
    if (nulls > 0) {
      failures.add(nulls + " rows with a null key");
    }
    Column[] keys = config.keys().stream().map(k -> col("`" + k + "`")).toArray(Column[]::new);
    long duplicates = rows.groupBy(keys).count().filter(col("count").gt(1)).count();
    if (duplicates > 0) {
      failures.add(duplicates + " keys appear more than once");
    }
    return failures;
  }
}
