package io.historylane.backfill.dims;

import static io.historylane.backfill.dims.DimensionSchema.IS_CURRENT;
import static io.historylane.backfill.dims.DimensionSchema.IS_DELETED;
import static io.historylane.backfill.dims.DimensionSchema.VALID_FROM;
import static io.historylane.backfill.dims.DimensionSchema.VALID_TO;
import static io.historylane.backfill.dims.DimensionSchema.VERSION_KEY;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.historylane.core.config.TableConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Checks the invariants of cdc-and-scd2.md on a dimension table, per key:
 * <ol>
 *   <li>{@code order}: versions ordered by valid_from, no two with the same valid_from;
 *   <li>{@code length}: valid_from &lt; valid_to;
 *   <li>{@code overlap}: a version ends before the next begins (an open version is the last);
 *   <li>{@code gap}: no gap between versions except a deletion period (after a deleted version);
 *   <li>{@code current}: is_current exactly when valid_to is null; at most one current version, and
 *       exactly one unless the key's last version was closed by a delete;
 *   <li>{@code no-op}: no two adjacent versions equal in every tracked column;
 *   <li>{@code type1}: every version of a key holds the same type-1 values (and type1_as_of);
 *   <li>{@code surrogate}: version_key is the hash of the key and valid_from.
 * </ol>
 */
public final class DimensionVerifier {
  public static final int SHOWN = 50;

  private DimensionVerifier() {}

  /** Checks {@code versions} (all of a dimension, or the versions of some keys). */
  public static VerificationResult verify(Dataset<Row> versions, TableConfig config) {
    Column[] keys = config.keys().stream().map(k -> col("`" + k + "`")).toArray(Column[]::new);
    WindowSpec byKey = Window.partitionBy(keys).orderBy(col(VALID_FROM));
    WindowSpec wholeKey = Window.partitionBy(keys);
    Column tracked = struct(config.tracked().stream().map(c -> col("`" + c + "`")).toArray(Column[]::new));
    List<Column> type1Columns = new ArrayList<>();
    config.type1().forEach(c -> type1Columns.add(col("`" + c + "`")));
    type1Columns.add(col(DimensionSchema.TYPE1_AS_OF));
    Column type1 = struct(type1Columns.toArray(Column[]::new));
    List<Column> hashed = new ArrayList<>(List.of(keys));
    hashed.add(col(VALID_FROM));
    // every rule is read off one window over each key's versions (one shuffle): a repeated
    // valid_from shows as a neighbour with the same valid_from
    Dataset<Row> v = versions
        .withColumn("_prev_to", lag(col(VALID_TO), 1).over(byKey))
        .withColumn("_prev_from", lag(col(VALID_FROM), 1).over(byKey))
        .withColumn("_prev_deleted", lag(col(IS_DELETED), 1).over(byKey))
        .withColumn("_prev_tracked", lag(tracked, 1).over(byKey))
        .withColumn("_next_from", lead(col(VALID_FROM), 1).over(byKey))
        .withColumn("_currents", sum(when(col(IS_CURRENT), 1).otherwise(0)).over(wholeKey))
        .withColumn("_type1s", size(collect_set(type1).over(wholeKey)));
    Column first = col("_prev_from").isNull();
    Column last = col("_next_from").isNull();
    Column contiguous = col("_prev_to").equalTo(col(VALID_FROM)).and(col("_prev_deleted").unary_$bang());
    Column rule = when(col("_prev_from").equalTo(col(VALID_FROM)).or(col("_next_from").equalTo(col(VALID_FROM))), lit("order"))
        .when(col(VALID_TO).isNotNull().and(col(VALID_FROM).geq(col(VALID_TO))), lit("length"))
        .when(first.unary_$bang().and(col("_prev_to").isNull().or(col("_prev_to").gt(col(VALID_FROM)))), lit("overlap"))
        .when(first.unary_$bang().and(col("_prev_to").lt(col(VALID_FROM))).and(col("_prev_deleted").unary_$bang()), lit("gap"))
        .when(col(IS_CURRENT).notEqual(col(VALID_TO).isNull()), lit("current"))
        .when(col("_currents").gt(1), lit("current"))
        .when(last.and(col(IS_CURRENT).unary_$bang()).and(col(IS_DELETED).unary_$bang()), lit("current"))
        .when(col(IS_DELETED).and(col(VALID_TO).isNull()), lit("current"))
        .when(first.unary_$bang().and(contiguous).and(col("_prev_tracked").eqNullSafe(tracked)), lit("no-op"))
        .when(col("_type1s").gt(1), lit("type1"))
        .when(col(VERSION_KEY).notEqual(xxhash64(hashed.toArray(Column[]::new))), lit("surrogate"));
    Column keyText = concat_ws(", ", config.keys().stream()
        .map(k -> concat_ws("=", lit(k), coalesce(col("`" + k + "`").cast("string"), lit("null")))).toArray(Column[]::new));
    Column rowText = concat_ws(" ", lit("["), coalesce(col(VALID_FROM).cast("string"), lit("null")), lit(","),
        coalesce(col(VALID_TO).cast("string"), lit("null")), lit(") current="), col(IS_CURRENT).cast("string"),
        lit("deleted="), col(IS_DELETED).cast("string"), lit("tracked="), tracked.cast("string"));
    Dataset<Row> checked = v.withColumn("_rule", rule);
    // the keys and the violations are counted in one pass; the violations are only shown when there are any
    Row counts = checked.agg(sum(when(first, 1L).otherwise(0L)), sum(when(col("_rule").isNotNull(), 1L).otherwise(0L)))
        .first();
    long keysChecked = counts.isNullAt(0) ? 0 : counts.getLong(0);
    long total = counts.isNullAt(1) ? 0 : counts.getLong(1);
    List<Violation> shown = new ArrayList<>();
    if (total > 0) {
      Dataset<Row> violations = checked.filter(col("_rule").isNotNull())
          .select(keyText.as("key"), col("_rule").as("rule"), rowText.as("rows"));
      for (Row r : violations.orderBy("key").limit(SHOWN).collectAsList()) {
        shown.add(new Violation(r.getString(0), r.getString(1), r.getString(2)));
      }
    }
    return new VerificationResult(keysChecked, total, shown);
  }
}
