package io.historylane.backfill.testing;

import io.historylane.testdata.ChangeEvent;
import io.historylane.testdata.DomainHistory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * The facts a range should hold, computed straight from the generator's truth with plain Java: per
 * key the last change by LSN (a snapshot read below a change at the same LSN) committed by the
 * cut-off; deleted keys absent; a row counted in the day its event time falls on.
 */
public final class ExpectedFacts {
  private ExpectedFacts() {}

  public static TreeSet<String> of(DomainHistory history, String table, String eventTime, LocalDate from, LocalDate to,
      long asOfMillis, List<String> columns) {
    List<ChangeEvent> events = new ArrayList<>(history.events(table));
    events.sort(Comparator.comparingLong(ChangeEvent::lsn).thenComparingInt(e -> e.op() == 'r' ? 0 : 1)
        .thenComparingLong(ChangeEvent::commitMillis));
    Map<Long, ChangeEvent> last = new LinkedHashMap<>();
    for (ChangeEvent e : events) {
      if ("cudr".indexOf(e.op()) >= 0 && e.commitMillis() <= asOfMillis) {
        last.put(e.key(), e);
      }
    }
    TreeSet<String> rows = new TreeSet<>();
    for (ChangeEvent e : last.values()) {
      if (e.op() == 'd') {
        continue;
      }
      LocalDate day = ((LocalDateTime) e.row().get(eventTime)).toLocalDate();
      if (!day.isBefore(from) && day.isBefore(to)) {
        List<Object> values = new ArrayList<>();
        for (String c : columns) {
          values.add(e.row().get(c));
        }
        rows.add(render(values));
      }
    }
    return rows;
  }

  /** The table's rows rendered the same way. */
  public static TreeSet<String> ofRows(List<Row> rows, List<String> columns) {
    TreeSet<String> out = new TreeSet<>();
    for (Row r : rows) {
      List<Object> values = new ArrayList<>();
      for (String c : columns) {
        values.add(r.getAs(c));
      }
      out.add(render(values));
    }
    return out;
  }

  private static String render(List<Object> values) {
    StringBuilder out = new StringBuilder();
    for (Object v : values) {
      if (v instanceof BigDecimal d) {
        v = d.stripTrailingZeros().toPlainString();
      } else if (v instanceof java.sql.Timestamp t) {
        v = t.toInstant();
      } else if (v instanceof Instant i) {
        v = i;
      } else if (v instanceof java.sql.Date d) {
        v = d.toLocalDate();
      }
      out.append(v).append('|');
    }
    return out.toString();
  }
}
