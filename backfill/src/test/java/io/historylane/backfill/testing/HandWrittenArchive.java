package io.historylane.backfill.testing;

import io.historylane.testdata.ColumnDef;
import io.historylane.testdata.DebeziumAvroSchemas;
import io.historylane.testdata.TableDef;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Archive files written record by record, for the bad input a generator never makes: an unknown op
 * code, a delete without a key, a row without an event time, a file that is not Avro at all.
 */
public final class HandWrittenArchive {
  private final TableDef table;
  private final Schema envelope;
  private final List<GenericRecord> records = new ArrayList<>();

  public HandWrittenArchive(TableDef table) {
    this.table = table;
    this.envelope = DebeziumAvroSchemas.envelope(table, 1);
  }

  /** A change with {@code after} (and {@code before}) given as column values; null leaves the image out. */
  public HandWrittenArchive change(String op, Map<String, Object> before, Map<String, Object> after, long lsn, long commitMillis) {
    Schema value = envelope.getField("after").schema().getTypes().get(1);
    GenericRecord rec = new GenericData.Record(envelope);
    rec.put("before", before == null ? null : row(value, before));
    rec.put("after", after == null ? null : row(value, after));
    GenericRecord source = new GenericData.Record(envelope.getField("source").schema());
    source.put("version", "2.7.3.Final");
    source.put("connector", "postgresql");
    source.put("name", "pg");
    source.put("ts_ms", commitMillis);
    source.put("snapshot", "false");
    source.put("db", "salon");
    source.put("schema", "public");
    source.put("table", table.name());
    source.put("lsn", lsn);
    rec.put("source", source);
    rec.put("op", op);
    rec.put("ts_ms", commitMillis);
    records.add(rec);
    return this;
  }

  private GenericRecord row(Schema schema, Map<String, Object> values) {
    GenericRecord rec = new GenericData.Record(schema);
    for (ColumnDef c : table.columns(1)) {
      Object v = values.get(c.name());
      if (v instanceof BigDecimal d) {
        v = ByteBuffer.wrap(d.setScale(c.type().scale()).unscaledValue().toByteArray());
      } else if (v instanceof LocalDateTime t) {
        v = t.toInstant(ZoneOffset.UTC).toEpochMilli() * 1000;
      }
      rec.put(c.name(), v);
    }
    return rec;
  }

  /** Writes the records as {@code <root>/<topic>/year=../month=../day=../<name>}. */
  public Path write(Path root, String day, String name) {
    Path file = folder(root, day).resolve(name);
    try (OutputStream out = Files.newOutputStream(file);
         DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(envelope))) {
      writer.create(envelope, out);
      for (GenericRecord r : records) {
        writer.append(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * A file whose header and first block read fine but whose last block is damaged: only a full
   * read finds out.
   */
  public Path writeWithDamagedLastBlock(Path root, String day, String name) {
    Path file = folder(root, day).resolve(name);
    try (OutputStream out = Files.newOutputStream(file);
         DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(envelope))) {
      writer.create(envelope, out);
      for (int i = 0; i < records.size(); i++) {
        writer.append(records.get(i));
        if (i == 0) {
          writer.sync(); // the first record in a block of its own
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      for (int i = bytes.length - 40; i < bytes.length - 20; i++) {
        bytes[i] = (byte) 0xFF;
      }
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** A file that is no Avro container at all. */
  public static Path writeGarbage(Path root, TableDef table, String day, String name) {
    Path file = new HandWrittenArchive(table).folder(root, day).resolve(name);
    try {
      Files.write(file, "this is not an avro file".getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private Path folder(Path root, String day) {
    String[] ymd = day.split("-");
    Path dir = root.resolve(table.topic()).resolve("year=" + ymd[0]).resolve("month=" + ymd[1]).resolve("day=" + ymd[2]);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }
}
