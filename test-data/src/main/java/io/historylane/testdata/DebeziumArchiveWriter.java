package io.historylane.testdata;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes a history's deliveries as the Kafka Connect S3 sink lays them out with a daily
 * TimeBasedPartitioner: {@code <root>/<topic>/year=YYYY/month=MM/day=dd/<topic>+<partition>+
 * <startOffset>.avro}, one file per Kafka partition per arrival day, a new file on every schema
 * change, records in offset (arrival) order. Files are deterministic (fixed sync markers) and
 * carry their arrival time as modification time.
 */
public final class DebeziumArchiveWriter {
  public static final int PARTITIONS = 2;
  private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
      .withZone(ZoneOffset.UTC);

  /** What was written: files and records per topic. */
  public record Written(int files, long records, long bytes) {}

  private DebeziumArchiveWriter() {}

  public static Written write(DomainHistory history, Path root) {
    return write(history, root, SampleDomain.ALL);
  }

  /** Writes the deliveries of {@code tables} (their topics) under {@code root}. */
  public static Written write(DomainHistory history, Path root, List<TableDef> tables) {
    int files = 0;
    long records = 0;
    long bytes = 0;
    for (TableDef table : tables) {
      Map<String, Map<String, Object>> before = beforeImages(table, history.events(table.name()));
      List<List<ChangeEvent>> groups = fileGroups(history.delivered(table.name()));
      long[] offsets = new long[PARTITIONS];
      for (List<ChangeEvent> group : groups) {
        ChangeEvent first = group.get(0);
        int partition = partition(first);
        Path file = root.resolve(table.topic()).resolve(folder(first.arrivalMillis()))
            .resolve(table.topic() + "+" + partition + "+" + String.format("%010d", offsets[partition]) + ".avro");
        offsets[partition] += group.size();
        bytes += writeFile(table, group, before, file);
        files++;
        records += group.size();
      }
    }
    return new Written(files, records, bytes);
  }

  static int partition(ChangeEvent e) {
    return (int) Math.floorMod(e.key(), PARTITIONS);
  }

  static String folder(long millis) {
    LocalDate day = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
    return String.format("year=%04d/month=%02d/day=%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
  }

  /** Consecutive deliveries of one partition, arrival day and schema version form one file. */
  private static List<List<ChangeEvent>> fileGroups(List<ChangeEvent> deliveries) {
    Map<Integer, List<List<ChangeEvent>>> byPartition = new LinkedHashMap<>();
    for (ChangeEvent e : deliveries) {
      List<List<ChangeEvent>> groups = byPartition.computeIfAbsent(partition(e), p -> new ArrayList<>());
      List<ChangeEvent> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
      if (last == null || !folder(last.get(0).arrivalMillis()).equals(folder(e.arrivalMillis()))
          || last.get(0).schemaVersion() != e.schemaVersion()) {
        last = new ArrayList<>();
        groups.add(last);
      }
      last.add(e);
    }
    List<List<ChangeEvent>> all = new ArrayList<>();
    byPartition.values().forEach(all::addAll);
    return all;
  }

  /** The before image Debezium sends: the full old row under REPLICA IDENTITY FULL, else the key only on deletes. */
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

  private static Map<String, Object> keyOnly(TableDef table, long key) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(table.key(), key);
    return row;
  }

  private static String id(ChangeEvent e) {
    return e.lsn() + ":" + e.key() + ":" + e.op();
  }

  private static long writeFile(TableDef table, List<ChangeEvent> group, Map<String, Map<String, Object>> before,
      Path file) {
    int version = group.get(0).schemaVersion();
    Schema envelope = DebeziumAvroSchemas.envelope(table, version);
    Schema value = envelope.getField("after").schema().getTypes().get(1);
    Schema source = envelope.getField("source").schema();
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file);
           DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(envelope))) {
        writer.setCodec(CodecFactory.deflateCodec(6));
        writer.create(envelope, out, syncMarker(file.getFileName().toString()));
        for (ChangeEvent e : group) {
          GenericRecord rec = new GenericData.Record(envelope);
          Map<String, Object> beforeRow = before.get(id(e));
          rec.put("before", beforeRow == null ? null : row(table, version, value, beforeRow));
          rec.put("after", e.carriesRow() ? row(table, version, value, e.row()) : null);
          rec.put("source", source(source, table, e));
          rec.put("op", String.valueOf(e.op()));
          rec.put("ts_ms", e.arrivalMillis());
          writer.append(rec);
        }
      }
      Files.setLastModifiedTime(file, FileTime.fromMillis(group.get(group.size() - 1).arrivalMillis()));
      return Files.size(file);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write " + file, ex);
    }
  }

  private static GenericRecord source(Schema schema, TableDef table, ChangeEvent e) {
    GenericRecord s = new GenericData.Record(schema);
    s.put("version", "2.7.3.Final");
    s.put("connector", "postgresql");
    s.put("name", SampleDomain.SERVER);
    s.put("ts_ms", e.commitMillis());
    s.put("snapshot", e.snapshot());
    s.put("db", "salon");
    s.put("sequence", "[null,\"" + e.lsn() + "\"]");
    s.put("schema", "public");
    s.put("table", table.name());
    s.put("txId", e.txId());
    s.put("lsn", e.lsn());
    s.put("xmin", null);
    return s;
  }

  private static GenericRecord row(TableDef table, int version, Schema schema, Map<String, Object> values) {
    GenericRecord rec = new GenericData.Record(schema);
    for (ColumnDef c : table.columns(version)) {
      Object v = values.get(c.name());
      if (v == null && !c.nullable()) {
        v = zero(c.type()); // a key-only before image still needs every required field
      }
      rec.put(c.name(), v == null ? null : encode(c.type(), v));
    }
    return rec;
  }

  private static Object zero(ColumnType type) {
    return switch (type) {
      case BIGINT -> 0L;
      case INT -> 0;
      case TEXT -> "";
      case MONEY, RATE -> BigDecimal.ZERO.setScale(type.scale());
      case TIMESTAMP -> LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC);
      case TIMESTAMPTZ -> Instant.EPOCH;
      case DATE -> LocalDate.ofEpochDay(0);
    };
  }

  static Object encode(ColumnType type, Object v) {
    return switch (type) {
      case BIGINT, INT, TEXT -> v;
      case MONEY, RATE -> ByteBuffer.wrap(((BigDecimal) v).setScale(type.scale()).unscaledValue().toByteArray());
      case TIMESTAMP -> {
        Instant at = ((LocalDateTime) v).toInstant(ZoneOffset.UTC);
        yield at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
      }
      case TIMESTAMPTZ -> ZONED.format((Instant) v);
      case DATE -> (int) ((LocalDate) v).toEpochDay();
    };
  }

  private static byte[] syncMarker(String name) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("MD5").digest(name.getBytes()), 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
