package io.historylane.testdata;

import io.historylane.testdata.Life.Planned;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Postgres' write-ahead log as the generator sees it: planned changes, handed in commit order, get
 * increasing LSNs and a transaction id per transaction, and the row shape of the schema version
 * their table had when they committed.
 */
final class Wal {
  /** The transaction id of the initial snapshot's reads. */
  static final long SNAPSHOT_TX = 4999;
  /** The initial snapshot's position: streamed changes come after it. */
  static final long SNAPSHOT_LSN = 10_000_000L;

  private final long schemaChangeMillis;
  private long lsn;
  private long txId = SNAPSHOT_TX + 1;
  private long txGroup = -1;

  /** @param schemaChangeMillis when evolving tables gained their added columns */
  Wal(long schemaChangeMillis) {
    this.lsn = SNAPSHOT_LSN + 64;
    this.schemaChangeMillis = schemaChangeMillis;
  }

  /** The event of {@code p}, the change committed next. */
  ChangeEvent commit(Planned p, SplittableRandom random) {
    if (p.txGroup() != txGroup) {
      txId++;
      txGroup = p.txGroup();
    }
    lsn += 8 + random.nextInt(200);
    Map<String, Object> row = p.row();
    int version = 1;
    if (p.table().evolves() && p.commitMillis() >= schemaChangeMillis) {
      version = 2;
    } else if (row != null && p.table().evolves()) {
      row = p.table().withoutAddedColumns(row);
    }
    return new ChangeEvent(p.table().name(), p.op(), p.key(), row, lsn, txId, p.commitMillis(), "false", version, 0, false);
  }

  /** A row of the initial snapshot, read at the snapshot's time and LSN under the first schema version. */
  static ChangeEvent snapshotRead(TableDef table, long key, Map<String, Object> row, long snapshotMillis, boolean last) {
    return new ChangeEvent(table.name(), 'r', key, table.withoutAddedColumns(row), SNAPSHOT_LSN, SNAPSHOT_TX, snapshotMillis,
        last ? "last" : "true", 1, 0, false);
  }

  /** A truncate and a logical-decoding message right after {@code at}: counted by a backfill, they change no row. */
  static List<ChangeEvent> truncateAndMessage(ChangeEvent at) {
    return List.of(
        new ChangeEvent(at.table(), 't', 0, null, at.lsn() + 1, at.txId(), at.commitMillis(), "false", at.schemaVersion(), 0, false),
        new ChangeEvent(at.table(), 'm', 0, null, at.lsn() + 2, at.txId(), at.commitMillis(), "false", at.schemaVersion(), 0, false));
  }
}
