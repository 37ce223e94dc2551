package io.historylane.backfill.dims;

import io.historylane.core.config.TableConfig;
import io.historylane.core.error.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of a type-2 dimension: the business keys, the tracked and type-1 columns (with the
 * source's types), then {@code valid_from}, {@code valid_to} (half-open; null while the version is
 * open), {@code is_current} (valid_to is null), {@code is_deleted} (a delete of the source row
 * closed this version: the gap after it is a deletion period), {@code type1_as_of} (the commit
 * time of the row image the type-1 columns come from, the same on every version of a key) and
 * {@code version_key} (the surrogate key: xxhash64 of the business key and valid_from, so a rerun
 * reproduces it).
 *
 * <p>Every source column must have a role (key, tracked, type1 or ignored): a column the source
 * gains stops the run until the config says what it is, rather than being silently dropped.
 */
public final class DimensionSchema {
  public static final String VALID_FROM = "valid_from";
  public static final String VALID_TO = "valid_to";
  public static final String IS_CURRENT = "is_current";
  public static final String IS_DELETED = "is_deleted";
  public static final String TYPE1_AS_OF = "type1_as_of";
  public static final String VERSION_KEY = "version_key";

  private final TableConfig config;
  private final StructType table;

  DimensionSchema(String tableName, TableConfig config, StructType source) {
    this.config = config;
    List<String> sourceColumns = Arrays.asList(source.fieldNames());
    List<String> unclassified = new ArrayList<>();
    for (String column : sourceColumns) {
      if (!config.keys().contains(column) && !config.tracked().contains(column) && !config.type1().contains(column)
          && !config.ignored().contains(column)) {
        unclassified.add(column);
      }
    }
    if (!unclassified.isEmpty()) {
      throw new BadInputException("the source of tables." + tableName + " has column(s) " + unclassified
          + " that the config gives no role. Fix: add each to tables." + tableName + ".tracked (opens a version),"
          + " .type1 (latest value on every version) or .ignored (left out)");
    }
    List<String> wanted = new ArrayList<>(config.keys());
    wanted.addAll(config.tracked());
    wanted.addAll(config.type1());
    List<StructField> fields = new ArrayList<>();
    for (String column : wanted) {
      if (!sourceColumns.contains(column)) {
        throw new BadInputException("tables." + tableName + " names column " + column + ", which its source does not"
            + " have (columns: " + sourceColumns + "). Fix: correct keys, tracked or type1 in the config");
      }
      fields.add(source.apply(column));
    }
    fields.add(DataTypes.createStructField(VALID_FROM, DataTypes.TimestampType, false));
    fields.add(DataTypes.createStructField(VALID_TO, DataTypes.TimestampType, true));
    fields.add(DataTypes.createStructField(IS_CURRENT, DataTypes.BooleanType, false));
    fields.add(DataTypes.createStructField(IS_DELETED, DataTypes.BooleanType, false));
    fields.add(DataTypes.createStructField(TYPE1_AS_OF, DataTypes.TimestampType, false));
    fields.add(DataTypes.createStructField(VERSION_KEY, DataTypes.LongType, false));
    this.table = new StructType(fields.toArray(StructField[]::new));
  }

  public StructType table() {
    return table;
  }

  public List<String> keys() {
    return config.keys();
  }

  public List<String> tracked() {
    return config.tracked();
  }

  public List<String> type1() {
    return config.type1();
  }
}
