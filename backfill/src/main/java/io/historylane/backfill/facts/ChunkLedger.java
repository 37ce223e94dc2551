package io.historylane.backfill.facts;

import io.historylane.core.lake.SnapshotProperties;

import io.historylane.core.time.DateRange;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The chunks of a range already committed, read from snapshot summaries. Only the newest unbroken
 * run of this range's own commits counts (compactions in between are fine: they change no row):
 * any other commit after them means the chunk may no longer hold what was written, so it is rebuilt.
 */
final class ChunkLedger {
  /** A committed chunk: its inputs' fingerprint and the snapshot that holds it. */
  record Entry(String fingerprint, long snapshotId, String runId) {}

  private final Map<String, Entry> entries;

  private ChunkLedger(Map<String, Entry> entries) {
    this.entries = entries;
  }

  static ChunkLedger read(Table table, String tableName, DateRange range, Long headSnapshotId) {
    Map<String, Entry> entries = new HashMap<>();
    if (headSnapshotId == null) {
      return new ChunkLedger(entries);
    }
    for (Snapshot s : SnapshotUtil.ancestorsOf(headSnapshotId, table::snapshot)) {
      Map<String, String> summary = s.summary();
      boolean ours = tableName.equals(summary.get(SnapshotProperties.TABLE))
          && range.toString().equals(summary.get(SnapshotProperties.RANGE));
      if (ours) {
        entries.putIfAbsent(summary.get(SnapshotProperties.CHUNK),
            new Entry(summary.get(SnapshotProperties.FINGERPRINT), s.snapshotId(), summary.get(SnapshotProperties.RUN_ID)));
      } else if (!DataOperations.REPLACE.equals(s.operation())) {
        break;
      }
    }
    return new ChunkLedger(entries);
  }

  /** The commit of {@code chunk} made from inputs with {@code fingerprint}, or null. */
  Entry committed(DateRange chunk, String fingerprint) {
    Entry e = entries.get(chunk.toString());
    return e != null && fingerprint.equals(e.fingerprint()) ? e : null;
  }
}
