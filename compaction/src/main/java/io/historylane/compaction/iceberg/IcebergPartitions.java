package io.historylane.compaction.iceberg;

import io.historylane.compaction.plan.PartitionRef;
import io.historylane.compaction.verify.SqlLiterals;
import io.historylane.core.error.BadInputException;
import io.historylane.core.time.DateRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.expressions.UnboundTerm;
import org.apache.iceberg.transforms.PartitionSpecVisitor;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * A table's partition spec as compaction uses it: partition keys become labels, days, Iceberg
 * filters (for the rewrite actions) and Spark SQL predicates on the {@code _partition} metadata
 * column (for verification reads), with a range on the day column so the read is pruned.
 */
final class IcebergPartitions {
  /** One field of the spec: the term that computes it from a row, and what it means. */
  private record Field(String name, UnboundTerm<Object> term, Type resultType, boolean day, boolean identity,
      String source, Type sourceType) {}

  private final PartitionSpec spec;
  private final List<Field> fields = new ArrayList<>();
  private final Field dayField;

  IcebergPartitions(PartitionSpec spec, Schema schema) {
    this.spec = spec;
    List<UnboundTerm<Object>> terms = PartitionSpecVisitor.visit(spec, new Terms());
    List<Types.NestedField> types = spec.partitionType().fields();
    Field day = null;
    for (int i = 0; i < spec.fields().size(); i++) {
      PartitionField pf = spec.fields().get(i);
      Types.NestedField source = schema.findField(pf.sourceId());
      boolean isDay = "day".equals(pf.transform().toString())
          || (pf.transform().isIdentity() && source.type().typeId() == Type.TypeID.DATE);
      Field field = new Field(pf.name(), terms.get(i), types.get(i).type(), isDay, pf.transform().isIdentity(),
          source.name(), source.type());
      fields.add(field);
      if (isDay && day == null) {
        day = field;
      }
    }
    this.dayField = day;
  }

  boolean dayPartitioned() {
    return dayField != null;
  }

  PartitionRef ref(PartitionKey key) {
    return new PartitionRef(spec.partitionToPath(key), day(key));
  }

  private LocalDate day(PartitionKey key) {
    if (dayField == null) {
      return null;
    }
    Object v = key.values().get(fields.indexOf(dayField));
    return v == null ? null : LocalDate.ofEpochDay(((Number) v).longValue());
  }

  /** The Iceberg filter selecting exactly the partitions {@code keys}. */
  Expression filter(Collection<PartitionKey> keys) {
    Expression any = Expressions.alwaysFalse();
    for (PartitionKey key : keys) {
      Expression one = Expressions.alwaysTrue();
      for (int i = 0; i < fields.size(); i++) {
        Field f = fields.get(i);
        if (f.term() == null) {
          continue;
        }
        Object v = key.values().get(i);
        one = Expressions.and(one, v == null ? Expressions.isNull(f.term()) : Expressions.equal(f.term(), v));
      }
      any = Expressions.or(any, one);
    }
    return any;
  }

  /** The Iceberg filter for the days of {@code range}; a table without day partitions is bad input. */
  Expression dayRange(DateRange range, String table) {
    if (dayField == null) {
      throw new BadInputException("--from/--to select day partitions, but " + table + " is not partitioned by day"
          + " (spec " + spec + "): drop --from and --to to compact the whole table");
    }
    UnboundTerm<Object> term = dayField.term();
    return Expressions.and(
        Expressions.greaterThanOrEqual(term, (Object) Math.toIntExact(range.from().toEpochDay())),
        Expressions.lessThan(term, (Object) Math.toIntExact(range.to().toEpochDay())));
  }

  /**
   * A Spark SQL predicate selecting exactly the partitions {@code keys} of a read of the table.
   * Day and identity fields become conditions on their source column (exact, and pushed down to
   * the scan); other transforms compare the {@code _partition} metadata column.
   */
  String sqlPredicate(Collection<PartitionKey> keys) {
    List<String> alternatives = new ArrayList<>();
    for (PartitionKey key : keys) {
      List<String> conditions = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        Field f = fields.get(i);
        Object v = key.values().get(i);
        Object literal = sparkValue(f.resultType(), v);
        if (v != null && literal == null) {
          continue; // a type SQL cannot compare: the predicate selects a superset, read alike before and after
        }
        if (f.day() && v != null) {
          conditions.add(dayRange(f, LocalDate.ofEpochDay(((Number) v).longValue())));
        } else if (f.identity()) {
          conditions.add(SqlLiterals.equalTo(SqlLiterals.quote(f.source()), literal));
        } else {
          conditions.add(SqlLiterals.equalTo("_partition." + SqlLiterals.quote(f.name()), literal));
        }
      }
      alternatives.add(conditions.isEmpty() ? "true" : "(" + String.join(" AND ", conditions) + ")");
    }
    return alternatives.isEmpty() ? "false" : String.join(" OR ", alternatives);
  }

  private static String dayRange(Field f, LocalDate day) {
    String column = SqlLiterals.quote(f.source());
    Object from;
    Object to;
    if (f.sourceType() instanceof Types.TimestampType ts) {
      from = ts.shouldAdjustToUTC() ? day.atStartOfDay(ZoneOffset.UTC).toInstant() : day.atStartOfDay();
      to = ts.shouldAdjustToUTC() ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : day.plusDays(1).atStartOfDay();
    } else {
      from = day;
      to = day.plusDays(1);
    }
    return "(" + column + " >= " + SqlLiterals.of(from) + " AND " + column + " < " + SqlLiterals.of(to) + ")";
  }

  /** A partition value as Spark sees it in {@code _partition}, or null for a type SQL cannot compare. */
  private static Object sparkValue(Type type, Object value) {
    if (value == null) {
      return null;
    }
    switch (type.typeId()) {
      case DATE:
        return LocalDate.ofEpochDay(((Number) value).longValue());
      case TIMESTAMP:
        long micros = (Long) value;
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        return ((Types.TimestampType) type).shouldAdjustToUTC() ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
      case INTEGER:
      case LONG:
      case BOOLEAN:
      case STRING:
      case DECIMAL:
      case FLOAT:
      case DOUBLE:
        return value;
      default:
        return null;
    }
  }

  /** The term computing each spec field from a row (null for a void field). */
  private static final class Terms implements PartitionSpecVisitor<UnboundTerm<Object>> {
    @Override
    public UnboundTerm<Object> identity(int fieldId, String sourceName, int sourceId) {
      return Expressions.ref(sourceName);
    }

    @Override
    public UnboundTerm<Object> bucket(int fieldId, String sourceName, int sourceId, int numBuckets) {
      return Expressions.bucket(sourceName, numBuckets);
    }

    @Override
    public UnboundTerm<Object> truncate(int fieldId, String sourceName, int sourceId, int width) {
      return Expressions.truncate(sourceName, width);
    }

    @Override
    public UnboundTerm<Object> year(int fieldId, String sourceName, int sourceId) {
      return Expressions.year(sourceName);
    }

    @Override
    public UnboundTerm<Object> month(int fieldId, String sourceName, int sourceId) {
      return Expressions.month(sourceName);
    }

    @Override
    public UnboundTerm<Object> day(int fieldId, String sourceName, int sourceId) {
      return Expressions.day(sourceName);
    }

    @Override
    public UnboundTerm<Object> hour(int fieldId, String sourceName, int sourceId) {
      return Expressions.hour(sourceName);
    }

    @Override
    public UnboundTerm<Object> alwaysNull(int fieldId, String sourceName, int sourceId) {
      return null;
    }
  }
}
