package io.historylane.snapshots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.historylane.core.config.TableConfig;
import io.historylane.core.session.LakehouseSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.TableOperations;
import org.apache.paimon.fs.Path;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.utils.SnapshotManager;

/**
 * Gives real tables a history that spans the past: both formats stamp a snapshot with the wall
 * clock when it is committed, so a test cannot commit "last March". The commits are made for real
 * (Spark writes); then only their commit times are rewritten, in the table metadata exactly where
 * the formats keep them, and committed through the catalog as any metadata change is:
 * <ul>
 *   <li>Iceberg: {@code timestamp-ms} of each snapshot and of its snapshot-log entry, in a new
 *       metadata file committed with the catalog's {@link TableOperations}.
 *   <li>Paimon: {@code timeMillis} in each {@code snapshot/snapshot-N} file.
 * </ul>
 * Everything that reads history (time travel, as-of resolution, expiry) then sees a year of it.
 */
final class BackdatedHistory {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BackdatedHistory() {}

  /**
   * Commits one row per instant and backdates the commit to its instant; returns, per instant, the
   * snapshot that holds the table as of then. A write may make more than one snapshot (Paimon
   * compacts a primary-key table right after an append): they all get the instant, a millisecond
   * apart, in order.
   */
  static List<Long> write(LakeTables lake, String table, List<Instant> instants) {
    TableConfig config = lake.session().config().table(table);
    Map<Long, Long> times = new HashMap<>();
    List<Long> heads = new ArrayList<>();
    for (int i = 0; i < instants.size(); i++) {
      List<Long> before = snapshotIds(lake.session(), config);
      lake.write(table, i + 1, table + "@" + instants.get(i));
      List<Long> made = new ArrayList<>(snapshotIds(lake.session(), config));
      made.removeAll(before);
      for (int k = 0; k < made.size(); k++) {
        times.put(made.get(k), instants.get(i).toEpochMilli() + k);
      }
      heads.add(made.get(made.size() - 1));
    }
    if (config.isIceberg()) {
      backdateIceberg(lake.session(), config.identifier(), times);
    } else {
      backdatePaimon(lake.session(), config.identifier(), times);
    }
    return heads;
  }

  /** Every snapshot of main (Iceberg) or of the table (Paimon), oldest first. */
  private static List<Long> snapshotIds(LakehouseSession session, TableConfig config) {
    if (config.isIceberg()) {
      return session.icebergTable(config.identifier()).history().stream().map(HistoryEntry::snapshotId).toList();
    }
    SnapshotManager snapshots = ((FileStoreTable) session.paimonTable(config.identifier())).snapshotManager();
    Long latest = snapshots.latestSnapshotId();
    List<Long> ids = new ArrayList<>();
    for (long id = 1; latest != null && id <= latest; id++) {
      ids.add(id);
    }
    return ids;
  }

  /** Sets the commit time of the given snapshots (id to epoch milliseconds). */
  static void backdateIceberg(LakehouseSession session, String identifier, Map<Long, Long> times) {
    TableOperations ops = ((HasTableOperations) session.icebergTable(identifier)).operations();
    TableMetadata base = ops.current();
    try {
      ObjectNode metadata = (ObjectNode) JSON.readTree(TableMetadataParser.toJson(base));
      for (JsonNode snapshot : metadata.get("snapshots")) {
        restamp((ObjectNode) snapshot, "timestamp-ms", times);
      }
      for (JsonNode entry : metadata.get("snapshot-log")) {
        restamp((ObjectNode) entry, "timestamp-ms", times);
      }
      ops.commit(base, TableMetadataParser.fromJson(base.metadataFileLocation(), JSON.writeValueAsString(metadata)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets the commit time of the given snapshots (id to epoch milliseconds). */
  static void backdatePaimon(LakehouseSession session, String identifier, Map<Long, Long> times) {
    FileStoreTable table = (FileStoreTable) session.paimonTable(identifier);
    try {
      for (Map.Entry<Long, Long> e : times.entrySet()) {
        Path path = table.snapshotManager().snapshotPath(e.getKey());
        ObjectNode snapshot = (ObjectNode) JSON.readTree(table.fileIO().readFileUtf8(path));
        snapshot.put("timeMillis", e.getValue());
        table.fileIO().overwriteFileUtf8(path, JSON.writeValueAsString(snapshot));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void restamp(ObjectNode node, String field, Map<Long, Long> times) {
    Long time = times.get(node.get("snapshot-id").asLong());
    if (time != null) {
      node.put(field, time);
    }
  }
}
