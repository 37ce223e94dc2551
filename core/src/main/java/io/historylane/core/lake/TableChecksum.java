package io.historylane.core.lake;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftleft;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * An order-independent checksum of a table's content: the row count and the sum of a 64-bit hash
 * of every row. Two reads agree exactly when they hold the same multiset of rows (up to hash
 * collisions), however the rows are spread over files, so it proves that a compaction changed
 * layout only and that a rerun of a backfill changed nothing.
 *
 * <p>The row hash covers the columns in name order plus which of them are null, because Spark's
 * xxhash64 skips nulls: (null, 1) and (1, null) would otherwise hash alike.
 */
public final class TableChecksum {
  /** Count and checksum of one group of rows (a day, a partition, a table). */
  public record Sum(long rows, BigDecimal checksum) {
    public static final Sum EMPTY = new Sum(0, BigDecimal.ZERO);
  }

  private TableChecksum() {}

  /** The hash of one row over {@code columns}, named in any order. */
  public static Column rowHash(List<String> columns) {
    List<String> sorted = new ArrayList<>(columns);
    sorted.sort(null);
    List<Column> parts = new ArrayList<>();
    Column nulls = null;
    for (int i = 0; i < sorted.size(); i++) {
      Column c = col("`" + sorted.get(i) + "`");
      parts.add(c);
      // which columns are null, as bits of longs (63 columns each): no array to build per row
      Column bit = shiftleft(c.isNull().cast(DataTypes.LongType), i % 63);
      nulls = nulls == null ? bit : nulls.bitwiseOR(bit);
      if (i % 63 == 62 || i == sorted.size() - 1) {
        parts.add(nulls);
        nulls = null;
      }
    }
    return xxhash64(parts.toArray(Column[]::new));
  }

  /**
   * The aggregate columns {@code rows} and {@code checksum} over {@code columns}. The checksum is
   * the exact sum of the row hashes, summed as two longs, the high and the low 32 bits of each
   * hash, and put together once per group: a decimal(38) sum is BigDecimal arithmetic per row, and
   * was half of a compaction's verification.
   */
  public static Column[] aggregates(List<String> columns) {
    Column hash = rowHash(columns);
    Column high = sum(shiftright(hash, 32)).cast(DataTypes.createDecimalType(20, 0));
    Column low = sum(hash.bitwiseAND(lit(0xFFFFFFFFL))).cast(DataTypes.createDecimalType(20, 0));
    Column exact = high.multiply(lit(BigDecimal.valueOf(1L << 32))).plus(low).cast(DataTypes.createDecimalType(38, 0));
    return new Column[] {count(lit(1)).as("rows"), coalesce(exact, lit(BigDecimal.ZERO)).as("checksum")};
  }

  /** The checksum of a whole dataset over all of its columns. */
  public static Sum of(Dataset<Row> rows) {
    Column[] aggregates = aggregates(Arrays.asList(rows.columns()));
    Row r = rows.agg(aggregates[0], aggregates[1]).first();
    return new Sum(r.getLong(0), r.getDecimal(1));
  }
}
