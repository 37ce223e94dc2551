package io.historylane.compaction.paimon;

import io.historylane.compaction.plan.PartitionRef;
import io.historylane.compaction.verify.SqlLiterals;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.apache.paimon.data.BinaryRow;
import org.apache.paimon.data.BinaryString;
import org.apache.paimon.data.Decimal;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.data.Timestamp;
import org.apache.paimon.types.DataField;
import org.apache.paimon.types.DataTypeRoot;
import org.apache.paimon.types.RowType;

/**
 * A Paimon table's partition keys as compaction uses them: partition rows become labels, days,
 * the {@code partitions} argument of the compact procedure and SQL predicates for verification.
 * The day partition is the first DATE key, or else the first text key whose values are all ISO
 * dates ({@code dt=2025-01-05}).
 */
final class PaimonPartitions {
  /** A partition's values as Java objects (text, LocalDate, numbers), in partition key order. */
  record Key(List<Object> values) {}

  private final List<DataField> fields;
  private final List<InternalRow.FieldGetter> getters = new ArrayList<>();
  private int dayIndex = -1;

  PaimonPartitions(RowType partitionType) {
    this.fields = partitionType.getFields();
    for (int i = 0; i < fields.size(); i++) {
      getters.add(InternalRow.createFieldGetter(fields.get(i).type(), i));
    }
  }

  Key key(BinaryRow partition) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      values.add(javaValue(fields.get(i).type().getTypeRoot(), getters.get(i).getFieldOrNull(partition)));
    }
    return new Key(Collections.unmodifiableList(values));
  }

  /** Chooses the day key from the partitions the table has; call once with all of them. */
  void findDayKey(Collection<Key> keys) {
    dayIndex = -1;
    for (int i = 0; i < fields.size() && dayIndex < 0; i++) {
      DataTypeRoot root = fields.get(i).type().getTypeRoot();
      if (root == DataTypeRoot.DATE) {
        dayIndex = i;
      } else if ((root == DataTypeRoot.VARCHAR || root == DataTypeRoot.CHAR) && !keys.isEmpty() && allDates(keys, i)) {
        dayIndex = i;
      }
    }
  }

  private static boolean allDates(Collection<Key> keys, int index) {
    for (Key k : keys) {
      if (asDay(k.values().get(index)) == null) {
        return false;
      }
    }
    return true;
  }

  boolean dayPartitioned() {
    return dayIndex >= 0;
  }

  LocalDate day(Key key) {
    return dayIndex < 0 ? null : asDay(key.values().get(dayIndex));
  }

  PartitionRef ref(Key key) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      parts.add(fields.get(i).name() + "=" + key.values().get(i));
    }
    return new PartitionRef(String.join("/", parts), day(key));
  }

  /** A SQL predicate on the partition columns selecting exactly {@code keys}. */
  String sqlPredicate(Collection<Key> keys) {
    if (fields.isEmpty()) {
      return "true";
    }
    List<String> alternatives = new ArrayList<>();
    for (Key key : keys) {
      List<String> conditions = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        conditions.add(SqlLiterals.equalTo(SqlLiterals.quote(fields.get(i).name()), key.values().get(i)));
      }
      alternatives.add("(" + String.join(" AND ", conditions) + ")");
    }
    return alternatives.isEmpty() ? "false" : String.join(" OR ", alternatives);
  }

  /**
   * The compact procedure's {@code partitions} argument: {@code k=v,k2=v2} per partition (AND),
   * partitions separated by {@code ;} (OR); the procedure turns it into SQL, so text is quoted.
   * Null for an unpartitioned table.
   */
  String procedureArgument(Collection<Key> keys) {
    if (fields.isEmpty()) {
      return null;
    }
    List<String> alternatives = new ArrayList<>();
    for (Key key : keys) {
      List<String> pairs = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        Object v = key.values().get(i);
        String text = String.valueOf(v);
        if (text.matches(".*[\"';,=\\\\].*")) {
          throw new IllegalArgumentException("partition value " + text + " of " + fields.get(i).name()
              + " cannot be passed to Paimon's compact procedure (it contains a separator or quote)");
        }
        pairs.add(fields.get(i).name() + "=" + (v instanceof Number || v instanceof Boolean ? text : "\"" + text + "\""));
      }
      alternatives.add(String.join(",", pairs));
    }
    return String.join(";", alternatives);
  }

  private static LocalDate asDay(Object value) {
    if (value instanceof LocalDate d) {
      return d;
    }
    if (value instanceof String s) {
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  private static Object javaValue(DataTypeRoot root, Object value) {
    if (value == null) {
      return null;
    }
    return switch (root) {
      case DATE -> LocalDate.ofEpochDay((Integer) value);
      case CHAR, VARCHAR -> ((BinaryString) value).toString();
      case DECIMAL -> ((Decimal) value).toBigDecimal();
      case TIMESTAMP_WITHOUT_TIME_ZONE -> ((Timestamp) value).toLocalDateTime();
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> ((Timestamp) value).toInstant();
      default -> value;
    };
  }
}
