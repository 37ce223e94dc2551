package io.historylane.testdata;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a history's deliveries as the Kafka Connect S3 sink lays them out (see
 * {@link TopicArchiveWriter}), each delivery with the before image Debezium sends: the full old
 * row under REPLICA IDENTITY FULL, else the key only, on deletes.
 */
public final class DebeziumArchiveWriter {
  /** What was written: files and records per topic. */
  public record Written(int files, long records, long bytes) {
    Written plus(Written other) {
      return new Written(files + other.files, records + other.records, bytes + other.bytes);
    }
  }

  private DebeziumArchiveWriter() {}

  public static Written write(DomainHistory history, Path root) {
    return write(history, root, SampleDomain.ALL);
  }

  /** Writes the deliveries of {@code tables} (their topics) under {@code root}. */
  public static Written write(DomainHistory history, Path root, List<TableDef> tables) {
    Written total = new Written(0, 0, 0);
    for (TableDef table : tables) {
      Map<String, Map<String, Object>> before = beforeImages(table, history.events(table.name()));
      TopicArchiveWriter writer = new TopicArchiveWriter(root, table);
      for (ChangeEvent e : history.delivered(table.name())) {
        writer.append(e, before.get(id(e)));
      }
      total = total.plus(writer.finish());
    }
    return total;
  }

  /** The before image of every change that has one, by {@link #id}. */
  private static Map<String, Map<String, Object>> beforeImages(TableDef table, List<ChangeEvent> truth) {
    Map<String, Map<String, Object>> out = new HashMap<>();
    Map<Long, Map<String, Object>> state = new HashMap<>();
    for (ChangeEvent e : truth) {
      Map<String, Object> previous = state.get(e.key());
      if (e.op() == 'd') {
        Map<String, Object> image = table.replicaIdentityFull() && previous != null
            ? previous : keyOnly(table, e.key());
        out.put(id(e), image);
        state.remove(e.key());
      } else if (e.carriesRow()) {
        if (e.op() == 'u' && table.replicaIdentityFull() && previous != null) {
          out.put(id(e), previous);
        }
        state.put(e.key(), e.row());
      }
    }
    return out;
  }

  /** The key-only before image a delete carries without REPLICA IDENTITY FULL. */
  static Map<String, Object> keyOnly(TableDef table, long key) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(table.key(), key);
    return row;
  }

  private static String id(ChangeEvent e) {
    return e.lsn() + ":" + e.key() + ":" + e.op();
  }
}
