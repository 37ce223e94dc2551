package io.historylane.backfill.testing;

import io.historylane.testdata.ChangeEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A small, independent type-2 reference: from a key's complete change history (no ranges, no
 * stitching, no Spark), its versions by the rules of cdc-and-scd2.md. The backfill must build
 * exactly these, whatever ranges it was run over and in whatever order.
 */
public final class Scd2Reference {
  private Scd2Reference() {}

  /** Every key's versions, rendered like {@link #render} renders table rows, sorted. */
  public static TreeSet<String> versions(List<ChangeEvent> events, String key, List<String> tracked, List<String> type1,
      long asOfMillis) {
    List<ChangeEvent> sorted = new ArrayList<>(events);
    sorted.removeIf(e -> "cudr".indexOf(e.op()) < 0 || e.commitMillis() > asOfMillis);
    sorted.sort(Comparator.comparingLong(ChangeEvent::lsn).thenComparingInt(e -> e.op() == 'r' ? 0 : 1)
        .thenComparingLong(ChangeEvent::commitMillis));
    Map<Long, List<ChangeEvent>> byKey = new LinkedHashMap<>();
    for (ChangeEvent e : sorted) {
      byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
    }
    TreeSet<String> out = new TreeSet<>();
    for (Map.Entry<Long, List<ChangeEvent>> entry : byKey.entrySet()) {
      // the key's last state at each commit time (changes inside one commit collapse)
      Map<Long, ChangeEvent> atCommit = new java.util.TreeMap<>();
      for (ChangeEvent e : entry.getValue()) {
        atCommit.put(e.commitMillis(), e);
      }
      List<Object> latestType1 = null;
      long latestAt = 0;
      for (ChangeEvent e : atCommit.values()) {
        if (e.op() != 'd') {
          latestType1 = pick(e.row(), type1);
          latestAt = e.commitMillis();
        }
      }
      List<long[]> spans = new ArrayList<>();
      List<List<Object>> values = new ArrayList<>();
      List<Boolean> deleted = new ArrayList<>();
      List<Object> openTracked = null;
      for (ChangeEvent e : atCommit.values()) {
        int last = spans.size() - 1;
        boolean open = openTracked != null;
        if (e.op() == 'd') {
          if (open) {
            spans.get(last)[1] = e.commitMillis();
            deleted.set(last, true);
            openTracked = null;
          }
        } else {
          List<Object> now = pick(e.row(), tracked);
          if (open && Objects.equals(now, openTracked)) {
            continue;
          }
          if (open) {
            spans.get(last)[1] = e.commitMillis();
          }
          spans.add(new long[] {e.commitMillis(), Long.MIN_VALUE});
          values.add(now);
          deleted.add(false);
          openTracked = now;
        }
      }
      for (int i = 0; i < spans.size(); i++) {
        Long to = spans.get(i)[1] == Long.MIN_VALUE ? null : spans.get(i)[1];
        out.add(render(entry.getKey(), values.get(i), latestType1, latestAt, spans.get(i)[0], to, to == null, deleted.get(i)));
      }
    }
    return out;
  }

  private static List<Object> pick(Map<String, Object> row, List<String> columns) {
    List<Object> out = new ArrayList<>();
    for (String c : columns) {
      out.add(row.get(c));
    }
    return out;
  }

  public static String render(Object key, List<Object> tracked, List<Object> type1, long type1AsOf, long from, Long to,
      boolean current, boolean deleted) {
    return key + "|" + tracked + "|" + type1 + "@" + type1AsOf + "|" + from + "|" + to + "|" + current + "|" + deleted;
  }

  /** A dimension table row rendered like the reference's versions. */
  public static String render(org.apache.spark.sql.Row r, String key, List<String> tracked, List<String> type1) {
    java.sql.Timestamp to = r.getAs("valid_to");
    return render(r.getAs(key), values(r, tracked), values(r, type1), r.<java.sql.Timestamp>getAs("type1_as_of").getTime(),
        r.<java.sql.Timestamp>getAs("valid_from").getTime(), to == null ? null : to.getTime(), r.getAs("is_current"),
        r.getAs("is_deleted"));
  }

  private static List<Object> values(org.apache.spark.sql.Row r, List<String> columns) {
    List<Object> out = new ArrayList<>();
    for (String c : columns) {
      Object v = r.getAs(c);
      out.add(v instanceof java.sql.Date d ? d.toLocalDate() : v);
    }
    return out;
  }
}
