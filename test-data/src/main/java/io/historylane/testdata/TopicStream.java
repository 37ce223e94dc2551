package io.historylane.testdata;

import io.historylane.testdata.Life.Planned;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One topic's history written to the archive while it is being planned, so a history of any size
 * streams through bounded memory. Changes committed before the initial snapshot fold into snapshot
 * reads; later ones wait in their commit day until the planner says every change of that day is
 * planned, then get LSNs in commit order ({@link Wal}) and arrival times ({@link Delivery}); an
 * arrival day is written once no change still to come can arrive in it (a change arrives after it
 * commits). Deletes carry their key as before image (Postgres' default replica identity).
 */
final class TopicStream {
  private static final long DAY = 86_400_000L;

  private final TableDef table;
  private final long snapshotMillis;
  private final SplittableRandom random;
  private final Wal wal;
  private final TopicArchiveWriter writer;
  private final Map<Long, Planned> folded = new LinkedHashMap<>();
  private final TreeMap<Long, List<Planned>> byCommitDay = new TreeMap<>();
  private final TreeMap<Long, List<ChangeEvent>> byArrivalDay = new TreeMap<>();
  private long reads;
  private boolean snapshotTaken;
  private long truncateDay = Long.MIN_VALUE;

  TopicStream(Path root, TableDef table, long snapshotMillis, long schemaChangeMillis, SplittableRandom random) {
    if (table.replicaIdentityFull()) {
      throw new IllegalArgumentException(table.name() + " has REPLICA IDENTITY FULL: its before images need every"
          + " row's previous state, which a stream does not keep; write it with DebeziumArchiveWriter");
    }
    this.table = table;
    this.snapshotMillis = snapshotMillis;
    this.random = random;
    this.wal = new Wal(schemaChangeMillis);
    this.writer = new TopicArchiveWriter(root, table);
  }

  /** A truncate and a message follow the middle change committed on {@code epochDay}. */
  void truncateOn(long epochDay) {
    this.truncateDay = epochDay;
  }

  /** A planned change: folded into the snapshot if it committed before it, else kept for its commit day. */
  void plan(Planned p) {
    if (p.commitMillis() <= snapshotMillis) {
      if (snapshotTaken) {
        throw new IllegalStateException("a change before the snapshot was planned after the snapshot was written");
      }
      Life.fold(folded, p);
    } else {
      byCommitDay.computeIfAbsent(Math.floorDiv(p.commitMillis(), DAY), d -> new ArrayList<>()).add(p);
    }
  }

  /** A row of the initial snapshot, written at once (for a table whose pre-history is not planned change by change). */
  void snapshotRead(long key, Map<String, Object> row, boolean last) {
    ChangeEvent read = Wal.snapshotRead(table, key, row, snapshotMillis, last);
    Delivery.deliver(read, snapshotMillis + reads++ / 50, random, this::deliverRead);
  }

  private void deliverRead(ChangeEvent e) {
    if (e.redelivery()) {
      arrive(e);
    } else {
      writer.append(e, null); // reads arrive before anything streamed: straight to the archive
    }
  }

  /** Every change committed up to the end of {@code epochDay} has been planned: sequence, deliver and write them. */
  void completeThrough(long epochDay) {
    if (!snapshotTaken && epochDay >= Math.floorDiv(snapshotMillis, DAY)) {
      takeSnapshot();
    }
    while (!byCommitDay.isEmpty() && byCommitDay.firstKey() <= epochDay) {
      Map.Entry<Long, List<Planned>> day = byCommitDay.pollFirstEntry();
      sequence(day.getKey(), day.getValue());
    }
    while (!byArrivalDay.isEmpty() && byArrivalDay.firstKey() <= epochDay) {
      List<ChangeEvent> arrived = byArrivalDay.pollFirstEntry().getValue();
      arrived.sort(ChangeEvent.ARRIVAL_ORDER);
      for (ChangeEvent e : arrived) {
        writer.append(e, e.op() == 'd' ? DebeziumArchiveWriter.keyOnly(table, e.key()) : null);
      }
    }
  }

  /** Writes everything still waiting and closes the archive files. */
  DebeziumArchiveWriter.Written finish() {
    completeThrough(Long.MAX_VALUE);
    return writer.finish();
  }

  private void takeSnapshot() {
    snapshotTaken = true;
    int n = 0;
    for (Planned p : folded.values()) {
      snapshotRead(p.key(), p.row(), ++n == folded.size());
    }
    folded.clear();
  }

  private void sequence(long epochDay, List<Planned> changes) {
    changes.sort(Planned.COMMIT_ORDER);
    List<ChangeEvent> events = new ArrayList<>(changes.size() + 2);
    for (Planned p : changes) {
      events.add(wal.commit(p, random));
    }
    if (epochDay == truncateDay && !events.isEmpty()) {
      events.addAll(events.size() / 2 + 1, Wal.truncateAndMessage(events.get(events.size() / 2)));
    }
    for (ChangeEvent e : events) {
      Delivery.deliver(e, 0, random, this::arrive);
    }
  }

  private void arrive(ChangeEvent e) {
    byArrivalDay.computeIfAbsent(Math.floorDiv(e.arrivalMillis(), DAY), d -> new ArrayList<>()).add(e);
  }
}
