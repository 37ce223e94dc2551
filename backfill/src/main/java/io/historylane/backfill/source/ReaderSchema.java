package io.historylane.backfill.source;

import io.historylane.core.error.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * One Avro reader schema for files written under different schemas. Debezium schemas evolve
 * additively: a column is added (older files lack it, it reads as null), a type may widen (int to
 * long, a decimal's precision grows). Anything else (a narrower type, a different decimal scale, a
 * string that became a number) is schema drift historylane will not guess about: it stops naming
 * the column, the two types and a file of each.
 *
 * <p>Only the envelope fields a backfill uses are read ({@code before, after, source.ts_ms,
 * source.lsn, source.snapshot, op}); record names are kept so Avro resolves the unions.
 */
public final class ReaderSchema {
  private final Schema envelope;
  private final Schema value;

  private ReaderSchema(Schema envelope, Schema value) {
    this.envelope = envelope;
    this.value = value;
  }

  public Schema envelope() {
    return envelope;
  }

  /** The row record: every column any file has, in the order of the newest file. */
  public Schema value() {
    return value;
  }

  /** Debezium's semantic type of a column ({@code io.debezium.time.MicroTimestamp}), or null. */
  public String connectName(String column) {
    Schema s = nonNull(value.getField(column).schema());
    Object name = s.getObjectProp("connect.name");
    return name == null ? null : name.toString();
  }

  /**
   * @param writerSchemas each file's writer schema with the path of one file that has it, the
   *     newest file last
   */
  public static ReaderSchema merge(String topic, List<Map.Entry<String, Schema>> writerSchemas) {
    if (writerSchemas.isEmpty()) {
      throw new IllegalArgumentException("no schemas to merge for " + topic);
    }
    Map<String, Schema.Field> fields = new LinkedHashMap<>();
    Map<String, String> fieldFile = new LinkedHashMap<>();
    Map<String, Integer> seenIn = new LinkedHashMap<>();
    Schema newestEnvelope = writerSchemas.get(writerSchemas.size() - 1).getValue();
    Schema newestValue = valueOf(topic, newestEnvelope, writerSchemas.get(writerSchemas.size() - 1).getKey());
    // newest order first, so the table's column order follows the source's current order
    List<Map.Entry<String, Schema>> newestFirst = new ArrayList<>(writerSchemas);
    java.util.Collections.reverse(newestFirst);
    for (Map.Entry<String, Schema> entry : newestFirst) {
      Schema v = valueOf(topic, entry.getValue(), entry.getKey());
      for (Schema.Field f : v.getFields()) {
        seenIn.merge(f.name(), 1, Integer::sum);
        Schema.Field known = fields.get(f.name());
        if (known == null) {
          fields.put(f.name(), f);
          fieldFile.put(f.name(), entry.getKey());
        } else {
          Schema wider = widen(nonNull(known.schema()), nonNull(f.schema()));
          if (wider == null) {
            throw new BadInputException("schema drift in " + topic + ": column " + f.name() + " is "
                + describe(nonNull(f.schema())) + " in " + entry.getKey() + " but " + describe(nonNull(known.schema()))
                + " in " + fieldFile.get(f.name()) + "; that is not an additive change. Fix: backfill the two periods"
                + " into separate table versions, or correct the archive (see README: schema changes)");
          }
          if (wider != nonNull(known.schema())) {
            fields.put(f.name(), new Schema.Field(f.name(), nullable(wider), f.doc(), JsonProperties.NULL_VALUE));
          }
        }
      }
    }
    List<Schema.Field> merged = new ArrayList<>();
    for (Schema.Field f : fields.values()) {
      // every reader field is nullable with a null default: older files may lack it, deletes carry keys only
      merged.add(new Schema.Field(f.name(), nullable(nonNull(f.schema())), f.doc(), JsonProperties.NULL_VALUE));
    }
    Schema value = Schema.createRecord(newestValue.getName(), newestValue.getDoc(), newestValue.getNamespace(), false, merged);
    copyProps(newestValue, value);
    Schema source = newestEnvelope.getField("source").schema();
    Schema readerSource = Schema.createRecord(source.getName(), null, source.getNamespace(), false, List.of(
        new Schema.Field("ts_ms", Schema.create(Schema.Type.LONG)),
        new Schema.Field("snapshot", Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
            null, JsonProperties.NULL_VALUE),
        new Schema.Field("lsn", Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.LONG)),
            null, JsonProperties.NULL_VALUE)));
    Schema nullableValue = Schema.createUnion(Schema.create(Schema.Type.NULL), value);
    Schema envelope = Schema.createRecord(newestEnvelope.getName(), null, newestEnvelope.getNamespace(), false, List.of(
        new Schema.Field("before", nullableValue, null, JsonProperties.NULL_VALUE),
        new Schema.Field("after", nullableValue, null, JsonProperties.NULL_VALUE),
        new Schema.Field("source", readerSource),
        new Schema.Field("op", Schema.create(Schema.Type.STRING))));
    return new ReaderSchema(envelope, value);
  }

  private static Schema valueOf(String topic, Schema envelope, String file) {
    Schema.Field after = envelope.getType() == Schema.Type.RECORD ? envelope.getField("after") : null;
    if (after == null || envelope.getField("op") == null || envelope.getField("source") == null) {
      throw new BadInputException("archive file " + file + " of " + topic + " is not a Debezium change event"
          + " (no before/after/source/op envelope). Fix: point the table's topic at a Debezium topic folder");
    }
    return nonNull(after.schema());
  }

  static Schema nonNull(Schema s) {
    if (s.getType() != Schema.Type.UNION) {
      return s;
    }
    for (Schema branch : s.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        return branch;
      }
    }
    return s;
  }

  private static Schema nullable(Schema s) {
    return Schema.createUnion(Schema.create(Schema.Type.NULL), s);
  }

  /** The type both can be read as, or null when one is not an additive evolution of the other. */
  static Schema widen(Schema a, Schema b) {
    if (sameType(a, b)) {
      return a;
    }
    LogicalType la = a.getLogicalType();
    LogicalType lb = b.getLogicalType();
    if (la instanceof LogicalTypes.Decimal da && lb instanceof LogicalTypes.Decimal db) {
      if (da.getScale() != db.getScale()) {
        return null;
      }
      return da.getPrecision() >= db.getPrecision() ? a : b;
    }
    if (la != null || lb != null || !Objects.equals(a.getObjectProp("connect.name"), b.getObjectProp("connect.name"))) {
      return null;
    }
    Schema.Type ta = a.getType();
    Schema.Type tb = b.getType();
    if (ta == Schema.Type.INT && tb == Schema.Type.LONG || ta == Schema.Type.FLOAT && tb == Schema.Type.DOUBLE) {
      return b;
    }
    if (tb == Schema.Type.INT && ta == Schema.Type.LONG || tb == Schema.Type.FLOAT && ta == Schema.Type.DOUBLE) {
      return a;
    }
    return null;
  }

  private static boolean sameType(Schema a, Schema b) {
    return a.getType() == b.getType() && Objects.equals(a.getLogicalType(), b.getLogicalType())
        && Objects.equals(a.getObjectProp("connect.name"), b.getObjectProp("connect.name"))
        && (a.getType() != Schema.Type.RECORD || a.equals(b));
  }

  private static String describe(Schema s) {
    LogicalType l = s.getLogicalType();
    if (l instanceof LogicalTypes.Decimal d) {
      return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
    }
    Object connect = s.getObjectProp("connect.name");
    return s.getType().getName() + (connect == null ? "" : " (" + connect + ")");
  }

  private static void copyProps(Schema from, Schema to) {
    from.getObjectProps().forEach(to::addProp);
  }
}
