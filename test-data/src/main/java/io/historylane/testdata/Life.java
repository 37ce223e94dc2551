package io.historylane.testdata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The life of one row, change by change, as a generator plans it: create, updates, delete,
 * re-insert, and several changes in one transaction. Times only move forward.
 */
final class Life {
  /** A planned change before LSNs are assigned; {@code seq} orders changes inside a transaction. */
  record Planned(TableDef table, char op, long key, Map<String, Object> row, long commitMillis, long txGroup, int seq) {
    /** The order Postgres commits them in: by commit time, transaction, then position in the transaction. */
    static final Comparator<Planned> COMMIT_ORDER = Comparator.comparingLong(Planned::commitMillis)
        .thenComparingLong(Planned::txGroup).thenComparingInt(Planned::seq);
  }

  private final TableDef table;
  private final long key;
  private final List<Planned> changes;
  private final long[] txGroups;
  private Map<String, Object> row;
  private boolean alive;
  private long lastMillis = Long.MIN_VALUE;

  Life(TableDef table, long key, List<Planned> sink, long[] txGroupCounter) {
    this.table = table;
    this.key = key;
    this.changes = sink;
    this.txGroups = txGroupCounter;
  }

  /** A row planned earlier, resumed: its current image, whether it is alive, and when it last changed. */
  Life(TableDef table, long key, Map<String, Object> row, boolean alive, long lastMillis, List<Planned> sink,
      long[] txGroupCounter) {
    this(table, key, sink, txGroupCounter);
    this.row = row;
    this.alive = alive;
    this.lastMillis = lastMillis;
  }

  boolean alive() {
    return alive;
  }

  Map<String, Object> row() {
    return row;
  }

  long lastMillis() {
    return lastMillis;
  }

  void create(long requestedMillis, Map<String, Object> initial) {
    long millis = at(requestedMillis);
    row = new LinkedHashMap<>(initial);
    alive = true;
    add('c', millis, row, nextTx(), 0);
  }

  /** An update; a mutator that changes nothing is a no-op update (only updated_at moves). */
  void update(long requestedMillis, Consumer<Map<String, Object>> mutator) {
    long millis = at(requestedMillis);
    if (!alive) {
      return;
    }
    Map<String, Object> next = new LinkedHashMap<>(row);
    mutator.accept(next);
    touch(next, millis);
    row = next;
    add('u', millis, row, nextTx(), 0);
  }

  void delete(long requestedMillis) {
    long millis = at(requestedMillis);
    if (!alive) {
      return;
    }
    alive = false;
    add('d', millis, null, nextTx(), 0);
  }

  void reinsert(long requestedMillis, Consumer<Map<String, Object>> mutator) {
    long millis = at(requestedMillis);
    if (alive) {
      return;
    }
    Map<String, Object> next = new LinkedHashMap<>(row);
    mutator.accept(next);
    touch(next, millis);
    row = next;
    alive = true;
    add('c', millis, row, nextTx(), 0);
  }

  /** Two updates in one transaction that end where they began (A -> B -> A): history unchanged. */
  void flipFlop(long requestedMillis, String column, Object temporary) {
    long millis = at(requestedMillis);
    if (!alive) {
      return;
    }
    long tx = nextTx();
    Map<String, Object> b = new LinkedHashMap<>(row);
    b.put(column, temporary);
    touch(b, millis);
    add('u', millis, b, tx, 0);
    Map<String, Object> back = new LinkedHashMap<>(row);
    touch(back, millis);
    row = back;
    add('u', millis, back, tx, 1);
  }

  /** A delete and a re-insert in one transaction: to history, an update. */
  void deleteAndReinsertInOneTransaction(long requestedMillis, Consumer<Map<String, Object>> mutator) {
    long millis = at(requestedMillis);
    if (!alive) {
      return;
    }
    long tx = nextTx();
    add('d', millis, null, tx, 0);
    Map<String, Object> next = new LinkedHashMap<>(row);
    mutator.accept(next);
    touch(next, millis);
    row = next;
    add('c', millis, row, tx, 1);
  }

  private void touch(Map<String, Object> r, long millis) {
    if (r.containsKey("updated_at")) {
      r.put("updated_at", java.time.Instant.ofEpochMilli(millis));
    }
  }

  private long nextTx() {
    return txGroups[0]++;
  }

  /** Changes of one row never share a commit time unless they share a transaction. */
  private long at(long millis) {
    return millis <= lastMillis ? lastMillis + 1 : millis;
  }

  private void add(char op, long millis, Map<String, Object> r, long tx, int seq) {
    lastMillis = millis;
    changes.add(new Planned(table, op, key, r == null ? null : new LinkedHashMap<>(r), millis, tx, seq));
  }

  /** Applies {@code p} to {@code state}, the live rows by key (changes of a key in time order). */
  static void fold(Map<Long, Planned> state, Planned p) {
    if (p.op() == 'd') {
      state.remove(p.key());
    } else {
      state.put(p.key(), p);
    }
  }

  static List<Planned> newSink() {
    return new ArrayList<>();
  }
}
