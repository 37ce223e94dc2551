package io.historylane.backfill.dims;

import io.historylane.backfill.dims.SegmentBuilder.State;
import io.historylane.backfill.dims.SegmentBuilder.Version;
import java.io.Serializable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.MetadataColumns;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Per key, the rows to write: the key's states in the range and its versions in the table go into
 * {@link SegmentBuilder}; out come the versions that are new or differ ({@code _op = upsert}), the
 * ones that no longer exist ({@code _op = delete}), and deletes that found no version to close
 * ({@code _op = orphan}, their time in valid_from, the key in {@code _key}). A key whose history did
 * not change yields nothing, so a rerun commits nothing.
 *
 * <p>A row that replaces or removes a version the table holds carries that version's place, the
 * data file and row position it was read from ({@code _file}, {@code _pos}), which the commit
 * deletes by position; a brand-new version carries nulls there.
 */
final class VersionRows implements CoGroupFunction<String, Row, Row, Row>, Serializable {
  static final String OP = "_op";
  static final String KEY = "_key";
  static final String FILE = MetadataColumns.FILE_PATH.name();
  static final String POS = MetadataColumns.ROW_POSITION.name();

  private final List<String> keys;
  private final List<String> tracked;
  private final List<String> type1;
  private final long from;
  private final long to;
  private final Map<String, List<Long>> orphanDeletes;

  /** @param orphanDeletes remembered orphan deletes per key (see {@link OrphanDeletes}) */
  VersionRows(DimensionSchema schema, long from, long to, Map<String, List<Long>> orphanDeletes) {
    this.keys = List.copyOf(schema.keys());
    this.tracked = List.copyOf(schema.tracked());
    this.type1 = List.copyOf(schema.type1());
    this.from = from;
    this.to = to;
    this.orphanDeletes = Map.copyOf(orphanDeletes);
  }

  /** A stable string of a row's key columns: the grouping key on both sides of the cogroup. */
  static String keyOf(Row row, List<String> keys) {
    StringBuilder out = new StringBuilder();
    for (String k : keys) {
      Object v = row.getAs(k);
      out.append(v == null ? "\u0000" : v.toString()).append('\u0001');
    }
    return out.toString();
  }

  @Override
  public Iterator<Row> call(String key, Iterator<Row> stateRows, Iterator<Row> versionRows) {
    List<State> states = new ArrayList<>();
    Row keySource = null;
    while (stateRows.hasNext()) {
      Row r = stateRows.next();
      keySource = r;
      boolean alive = r.getAs("alive");
      states.add(new State(r.<Long>getAs("commit_ms"), alive, values(r, tracked), values(r, type1)));
    }
    List<Version> existing = new ArrayList<>();
    Map<Long, Row> places = new HashMap<>();
    while (versionRows.hasNext()) {
      Row r = versionRows.next();
      keySource = keySource == null ? r : keySource;
      Timestamp validTo = r.getAs(DimensionSchema.VALID_TO);
      long validFrom = r.<Timestamp>getAs(DimensionSchema.VALID_FROM).getTime();
      existing.add(new Version(validFrom, validTo == null ? null : validTo.getTime(),
          r.<Boolean>getAs(DimensionSchema.IS_DELETED), values(r, tracked), values(r, type1),
          r.<Timestamp>getAs(DimensionSchema.TYPE1_AS_OF).getTime()));
      places.put(validFrom, r);
    }
    if (states.isEmpty()) {
      return List.<Row>of().iterator();
    }
    states.sort(Comparator.comparingLong(State::commitMillis));
    existing.sort(Comparator.comparingLong(Version::validFrom));
    SegmentBuilder.Rebuilt rebuilt = SegmentBuilder.rebuild(existing, states,
        orphanDeletes.getOrDefault(key, List.of()), from, to);
    Map<Long, Version> old = new HashMap<>();
    existing.forEach(v -> old.put(v.validFrom(), v));
    List<Row> out = new ArrayList<>();
    List<Object> keyValues = values(keySource, keys);
    for (Version v : rebuilt.versions()) {
      Version before = old.remove(v.validFrom());
      if (!v.equals(before)) {
        out.add(row(keyValues, v, "upsert", key, before == null ? null : places.get(v.validFrom())));
      }
    }
    for (Version gone : old.values()) {
      out.add(row(keyValues, gone, "delete", key, places.get(gone.validFrom())));
    }
    for (long at : rebuilt.orphanDeletes()) {
      out.add(row(keyValues, new Version(at, at + 1, true, nulls(tracked.size()), null, at), "orphan", key, null));
    }
    return out.iterator();
  }

  private static List<Object> values(Row r, List<String> columns) {
    List<Object> out = new ArrayList<>(columns.size());
    for (String c : columns) {
      out.add(r.getAs(c));
    }
    return out;
  }

  /**
   * Key, tracked, type-1, valid_from, valid_to, is_current, is_deleted, type1_as_of, _op, _key,
   * _file, _pos (version_key is added in Spark); {@code replaced} is the table's row it replaces.
   */
  private Row row(List<Object> keyValues, Version v, String op, String key, Row replaced) {
    List<Object> values = new ArrayList<>(keyValues);
    values.addAll(v.tracked());
    values.addAll(v.type1() == null ? nulls(type1.size()) : v.type1());
    values.add(new Timestamp(v.validFrom()));
    values.add(v.validTo() == null ? null : new Timestamp(v.validTo()));
    values.add(v.open());
    values.add(v.deleted());
    values.add(new Timestamp(v.type1AsOf()));
    values.add(op);
    values.add(key);
    values.add(replaced == null ? null : replaced.getAs(FILE));
    values.add(replaced == null ? null : replaced.getAs(POS));
    return RowFactory.create(values.toArray());
  }

  private static List<Object> nulls(int n) {
    List<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(null);
    }
    return out;
  }

}
