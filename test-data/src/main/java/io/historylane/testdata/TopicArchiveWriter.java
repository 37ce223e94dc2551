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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes one topic's deliveries, in arrival order, as the Kafka Connect S3 sink lays them out with
 * a daily TimeBasedPartitioner: {@code <root>/<topic>/year=YYYY/month=MM/day=dd/<topic>+<partition>+
 * <startOffset>.avro}. Consecutive deliveries of one Kafka partition, arrival day and schema version
 * form one file; records are appended as they come, so a history of any size streams through it.
 * Files are deterministic (fixed sync markers) and carry their last arrival as modification time.
 */
public final class TopicArchiveWriter {
  public static final int PARTITIONS = 2;
  private static final long DAY_MILLIS = 86_400_000L;
  private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
      .withZone(ZoneOffset.UTC);

  private final Path root;
  private final TableDef table;
  private final OpenFile[] open = new OpenFile[PARTITIONS];
  /** The envelope schema of each schema version, parsed once: files rotate often around a schema change. */
  private final Map<Integer, Schema> envelopes = new HashMap<>();
  private final long[] offsets = new long[PARTITIONS];
  private int files;
  private long records;
  private long bytes;

  public TopicArchiveWriter(Path root, TableDef table) {
    this.root = root;
    this.table = table;
  }

  /**
   * Appends one delivery; deliveries must come in arrival order.
   *
   * @param before the before image Debezium sends with it (a delete's key, or the old row under
   *     REPLICA IDENTITY FULL), or null
   */
  public void append(ChangeEvent delivered, Map<String, Object> before) {
    int partition = partition(delivered);
    OpenFile file = open[partition];
    long day = Math.floorDiv(delivered.arrivalMillis(), DAY_MILLIS);
    int version = delivered.schemaVersion();
    if (file == null || file.day != day || file.version != version) {
      if (file != null) {
        close(file);
      }
      Path path = root.resolve(table.topic()).resolve(folder(delivered.arrivalMillis()))
          .resolve(table.topic() + "+" + partition + "+" + String.format("%010d", offsets[partition]) + ".avro");
      file = new OpenFile(path, day, version, envelopes.computeIfAbsent(version, v -> DebeziumAvroSchemas.envelope(table, v)),
          table);
      open[partition] = file;
    }
    file.append(delivered, before);
    offsets[partition]++;
  }

  /** Closes the open files and returns what was written. */
  public DebeziumArchiveWriter.Written finish() {
    for (int p = 0; p < PARTITIONS; p++) {
      if (open[p] != null) {
        close(open[p]);
        open[p] = null;
      }
    }
    return new DebeziumArchiveWriter.Written(files, records, bytes);
  }

  private void close(OpenFile file) {
    records += file.records;
    bytes += file.close();
    files++;
  }

  static int partition(ChangeEvent e) {
    return (int) Math.floorMod(e.key(), PARTITIONS);
  }

  static String folder(long millis) {
    LocalDate day = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
    return String.format("year=%04d/month=%02d/day=%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
  }

  /** One archive file being written: the records of one partition, arrival day and schema version. */
  private static final class OpenFile {
    private final Path path;
    private final long day;
    private final int version;
    private final TableDef table;
    private final List<ColumnDef> columns;
    private final Schema envelope;
    private final Schema value;
    private final Schema source;
    private final OutputStream out;
    private final DataFileWriter<GenericRecord> writer;
    private long records;
    private long lastArrival;

    OpenFile(Path path, long day, int version, Schema envelope, TableDef table) {
      this.path = path;
      this.day = day;
      this.version = version;
      this.table = table;
      this.columns = table.columns(version);
      this.envelope = envelope;
      this.value = envelope.getField("after").schema().getTypes().get(1);
      this.source = envelope.getField("source").schema();
      try {
        Files.createDirectories(path.getParent());
        this.out = Files.newOutputStream(path);
        this.writer = new DataFileWriter<>(new GenericDatumWriter<>(envelope));
        writer.setCodec(CodecFactory.deflateCodec(6));
        writer.create(envelope, out, syncMarker(path.getFileName().toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + path, e);
      }
    }

    void append(ChangeEvent e, Map<String, Object> before) {
      GenericRecord rec = new GenericData.Record(envelope);
      rec.put("before", before == null ? null : row(columns, value, before));
      rec.put("after", e.carriesRow() ? row(columns, value, e.row()) : null);
      rec.put("source", source(source, table, e));
      rec.put("op", String.valueOf(e.op()));
      rec.put("ts_ms", e.arrivalMillis());
      try {
        writer.append(rec);
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot write " + path, ex);
      }
      records++;
      lastArrival = e.arrivalMillis();
    }

    /** Closes the file, stamps its last arrival as modification time, and returns its size. */
    long close() {
      try {
        writer.close();
        out.close();
        Files.setLastModifiedTime(path, FileTime.fromMillis(lastArrival));
        return Files.size(path);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + path, e);
      }
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

  private static GenericRecord row(List<ColumnDef> columns, Schema schema, Map<String, Object> values) {
    GenericRecord rec = new GenericData.Record(schema);
    for (ColumnDef c : columns) {
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
