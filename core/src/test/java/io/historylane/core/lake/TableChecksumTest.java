package io.historylane.core.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.historylane.testkit.TestLake;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class TableChecksumTest {
  private final SparkSession spark = TestLake.get().spark();

  private Dataset<Row> rows() {
    return spark.range(0, 20_000, 1, 4).selectExpr("id", "CAST(id % 7 AS STRING) AS s",
        "IF(id % 5 = 0, NULL, id * 3) AS n");
  }

  @Test
  void isTheExactSumOfTheRowHashesWhateverTheOrderAndSplit() {
    Dataset<Row> rows = rows();
    // the sum of the signed 64-bit hashes, added up on the driver, exactly
    BigDecimal expected = rows.select(TableChecksum.rowHash(List.of(rows.columns()))).collectAsList().stream()
        .map(r -> BigDecimal.valueOf(r.getLong(0))).reduce(BigDecimal.ZERO, BigDecimal::add);
    TableChecksum.Sum sum = TableChecksum.of(rows);
    assertEquals(20_000, sum.rows());
    assertEquals(expected, sum.checksum());
    assertEquals(sum, TableChecksum.of(rows.orderBy(col("s").desc()).repartition(3)));
    assertEquals(sum, TableChecksum.of(rows.select("n", "s", "id")), "columns are taken in name order");
  }

  @Test
  void changesWhenOneValueOrOneNullMoves() {
    TableChecksum.Sum sum = TableChecksum.of(rows());
    assertNotEquals(sum, TableChecksum.of(rows().withColumn("s", when(col("id").equalTo(42), "x").otherwise(col("s")))));
    // a null moved from one column to another: xxhash64 skips nulls, the checksum must not
    Dataset<Row> pair = spark.sql("SELECT 1 AS a, CAST(NULL AS INT) AS b");
    Dataset<Row> swapped = spark.sql("SELECT CAST(NULL AS INT) AS a, 1 AS b");
    assertNotEquals(TableChecksum.of(pair), TableChecksum.of(swapped));
  }

  @Test
  void anEmptySetIsZero() {
    assertEquals(TableChecksum.Sum.EMPTY.rows(), TableChecksum.of(rows().limit(0)).rows());
    assertEquals(0, TableChecksum.of(rows().limit(0)).checksum().signum());
  }
}
