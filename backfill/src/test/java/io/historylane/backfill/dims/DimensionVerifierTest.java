package io.historylane.backfill.dims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.historylane.core.config.TableConfig;
import io.historylane.testkit.TestLake;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** verify names every broken invariant, per key. */
class DimensionVerifierTest {
  private static final StructType SCHEMA = new StructType()
      .add("k", DataTypes.LongType).add("t", DataTypes.StringType).add("n", DataTypes.StringType)
      .add("valid_from", DataTypes.TimestampType).add("valid_to", DataTypes.TimestampType)
      .add("is_current", DataTypes.BooleanType).add("is_deleted", DataTypes.BooleanType)
      .add("type1_as_of", DataTypes.TimestampType).add("version_key", DataTypes.LongType);

  private static Row v(long k, String t, String n, long from, Long to, boolean deleted) {
    return RowFactory.create(k, t, n, new Timestamp(from), to == null ? null : new Timestamp(to), to == null, deleted,
        new Timestamp(5), 0L);
  }

  @Test
  void everyRuleIsCheckedAndNamed() {
    TestLake lake = TestLake.get();
    List<Row> rows = List.of(
        v(1, "a", "x", 10, 20L, false), v(1, "b", "x", 20, null, false),      // fine
        v(2, "a", "x", 10, 30L, false), v(2, "b", "x", 20, null, false),      // overlap
        v(3, "a", "x", 10, 20L, false), v(3, "b", "x", 25, null, false),      // gap without delete
        v(4, "a", "x", 10, 20L, false), v(4, "a", "x", 20, null, false),      // adjacent no-op
        v(5, "a", "x", 10, 20L, false), v(5, "b", "y", 20, null, false),      // type-1 differs
        v(6, "a", "x", 10, 20L, false),                                       // last version neither current nor deleted
        v(7, "a", "x", 10, 20L, true), v(7, "b", "x", 40, null, false),       // deletion gap: fine
        v(8, "a", "x", 30, 20L, true));                                       // valid_from >= valid_to
    Dataset<Row> dim = lake.spark().createDataFrame(rows, SCHEMA);
    Dataset<Row> withKeys = dim.withColumn("version_key",
        org.apache.spark.sql.functions.xxhash64(dim.col("k"), dim.col("valid_from")));
    TableConfig config = new TableConfig(io.historylane.core.config.TableKind.SCD2, "x.dim", null,
        new io.historylane.core.config.SourceConfig(new io.historylane.core.config.DebeziumSourceConfig("t", null, null), null),
        List.of("k"), null, null, List.of(), null, null, List.of("t"), List.of("n"), List.of(), null, null, null, null);
    VerificationResult result = DimensionVerifier.verify(withKeys, config);
    Map<String, String> rules = new TreeMap<>();
    result.violations().forEach(violation -> rules.merge(violation.key(), violation.rule(), (a, b) -> a + "," + b));
    assertEquals(Map.of("k=2", "overlap", "k=3", "gap", "k=4", "no-op", "k=5", "type1,type1", "k=6", "current",
        "k=8", "length"), rules);
    assertEquals(8, result.keysChecked());

    VerificationResult wrongKeys = DimensionVerifier.verify(dim.filter("k = 1"), config);
    assertEquals(2, wrongKeys.violationCount(), "version_key 0 is not the hash of key and valid_from");
    assertEquals("surrogate", wrongKeys.violations().get(0).rule());
  }
}
