package io.historylane.backfill.testing;

import io.historylane.testdata.ChangeEvent;
import io.historylane.testdata.ColumnDef;
import io.historylane.testdata.ColumnType;
import io.historylane.testdata.DomainHistory;
import io.historylane.testdata.TableDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random change histories of a small dimension ({@code member_id}; tracked tier and city; type-1
 * name and score; ignored updated_at): creates, updates of tracked, type-1 and no columns, deletes,
 * re-inserts, several changes in one transaction (A -> B -> A, delete and re-insert), snapshot
 * reads followed by streamed changes (one at the snapshot's own LSN), at-least-once duplicates and
 * out-of-order arrival.
 */
public final class RandomHistories {
  public static final List<String> TRACKED = List.of("tier", "city");
  public static final List<String> TYPE1 = List.of("name", "score");
  private static final String[] TIERS = {"bronze", "silver", "gold"};
  private static final String[] CITIES = {"Oslo", "Lisbon", "Warsaw"};
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  private RandomHistories() {}

  public static TableDef table(String name) {
    return new TableDef(name, "member_id", List.of(
        ColumnDef.required("member_id", ColumnType.BIGINT),
        ColumnDef.required("tier", ColumnType.TEXT),
        ColumnDef.optional("city", ColumnType.TEXT),
        ColumnDef.optional("name", ColumnType.TEXT),
        ColumnDef.optional("score", ColumnType.INT),
        ColumnDef.required("updated_at", ColumnType.TIMESTAMPTZ)), false, List.of());
  }

  /** A history of {@code keys} members over [start, start + days), with a snapshot at start. */
  public static DomainHistory generate(TableDef table, long seed, int keys, long start, int days) {
    SplittableRandom random = new SplittableRandom(seed);
    long snapshot = start + 300_000L;
    long end = start + days * DAY;
    long snapshotLsn = 1_000_000L;
    List<long[]> order = new ArrayList<>(); // commit, seq per planned event (to assign LSNs)
    List<Map<String, Object>> rows = new ArrayList<>();
    List<Character> ops = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    List<ChangeEvent> reads = new ArrayList<>();
    long seq = 0;
    for (long id = 1; id <= keys; id++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("member_id", id);
      row.put("tier", TIERS[random.nextInt(TIERS.length)]);
      row.put("city", random.nextInt(6) == 0 ? null : CITIES[random.nextInt(CITIES.length)]);
      row.put("name", "m" + id);
      row.put("score", random.nextInt(4) == 0 ? null : random.nextInt(100));
      boolean existsAtSnapshot = random.nextInt(3) == 0;
      long t;
      if (existsAtSnapshot) {
        row.put("updated_at", Instant.ofEpochMilli(snapshot - DAY));
        reads.add(new ChangeEvent(table.name(), 'r', id, new LinkedHashMap<>(row), snapshotLsn, 1, snapshot, "true", 1, snapshot, false));
        t = snapshot;
      } else {
        t = start + random.nextLong(days / 2 * DAY);
        add(order, rows, ops, ids, t, seq++, id, 'c', touch(row, t));
      }
      boolean alive = true;
      int changes = random.nextInt(7);
      for (int i = 0; i < changes; i++) {
        t += HOUR + random.nextLong(4 * DAY);
        if (t >= end - HOUR) {
          break;
        }
        int kind = random.nextInt(100);
        if (!alive) {
          if (kind < 60) {
            row.put("tier", TIERS[random.nextInt(TIERS.length)]);
            add(order, rows, ops, ids, t, seq++, id, 'c', touch(row, t));
            alive = true;
          }
        } else if (kind < 30) {
          row.put(random.nextBoolean() ? "tier" : "city", random.nextBoolean() ? TIERS[random.nextInt(3)] : CITIES[random.nextInt(3)]);
          add(order, rows, ops, ids, t, seq++, id, 'u', touch(row, t));
        } else if (kind < 50) {
          if (random.nextBoolean()) {
            row.put("name", "n" + random.nextInt(9));
          } else {
            row.put("score", random.nextInt(100));
          }
          add(order, rows, ops, ids, t, seq++, id, 'u', touch(row, t));
        } else if (kind < 60) {
          add(order, rows, ops, ids, t, seq++, id, 'u', touch(row, t)); // no-op: only updated_at moves
        } else if (kind < 75) {
          add(order, rows, ops, ids, t, seq++, id, 'd', null);
          alive = false;
        } else if (kind < 85) {
          // A -> B -> A inside one transaction
          Object tier = row.get("tier");
          row.put("tier", "platinum");
          add(order, rows, ops, ids, t, seq++, id, 'u', touch(row, t));
          row.put("tier", tier);
          add(order, rows, ops, ids, t, seq++, id, 'u', touch(row, t));
        } else {
          // a delete and a re-insert inside one transaction: an update
          add(order, rows, ops, ids, t, seq++, id, 'd', null);
          row.put("city", CITIES[random.nextInt(3)]);
          add(order, rows, ops, ids, t, seq++, id, 'c', touch(row, t));
        }
      }
    }
    // LSNs follow commit order; changes inside one transaction keep their order
    Integer[] index = new Integer[order.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = i;
    }
    java.util.Arrays.sort(index, Comparator.comparingLong((Integer i) -> order.get(i)[0]).thenComparingLong(i -> order.get(i)[1]));
    List<ChangeEvent> truth = new ArrayList<>(reads);
    long lsn = snapshotLsn + 10;
    boolean sharedLsn = false;
    for (Integer i : index) {
      lsn += 1 + random.nextInt(50);
      long eventLsn = lsn;
      if (!sharedLsn && ops.get(i) == 'u' && reads.stream().anyMatch(r -> r.key() == ids.get(i))) {
        eventLsn = snapshotLsn; // a streamed change at the snapshot's own LSN ranks above the read
        sharedLsn = true;
      }
      truth.add(new ChangeEvent(table.name(), ops.get(i), ids.get(i), rows.get(i), eventLsn, 2 + i,
          order.get(i)[0], "false", 1, 0, false));
    }
    List<ChangeEvent> delivered = new ArrayList<>();
    for (ChangeEvent e : truth) {
      long arrival = e.op() == 'r' ? snapshot : e.commitMillis() + (random.nextInt(8) == 0 ? DAY + random.nextLong(DAY)
          : random.nextLong(60_000));
      ChangeEvent d = new ChangeEvent(e.table(), e.op(), e.key(), e.row(), e.lsn(), e.txId(), e.commitMillis(),
          e.snapshot(), 1, arrival, false);
      delivered.add(d);
      if (random.nextInt(15) == 0) {
        delivered.add(d.redelivered(arrival + HOUR + random.nextLong(DAY)));
      }
    }
    delivered.sort(Comparator.comparingLong(ChangeEvent::arrivalMillis).thenComparingLong(ChangeEvent::lsn));
    return new DomainHistory(Map.of(table.name(), truth), Map.of(table.name(), delivered), snapshot, snapshotLsn,
        Long.MAX_VALUE, Instant.ofEpochMilli(end));
  }

  private static Map<String, Object> touch(Map<String, Object> row, long t) {
    row.put("updated_at", Instant.ofEpochMilli(t));
    return new LinkedHashMap<>(row);
  }

  private static void add(List<long[]> order, List<Map<String, Object>> rows, List<Character> ops, List<Long> ids,
      long t, long seq, long id, char op, Map<String, Object> row) {
    order.add(new long[] {t, seq});
    rows.add(row);
    ops.add(op);
    ids.add(id);
  }
}
