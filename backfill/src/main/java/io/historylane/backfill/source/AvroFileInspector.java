package io.historylane.backfill.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Opens archive files in parallel, in one Spark job, to read what only the file knows: its writer
 * schema (files written before a schema change lack the newer columns), whether it starts with
 * snapshot reads, and whether its header is readable at all.
 */
final class AvroFileInspector {
  /**
   * @param schema the writer schema, as JSON
   * @param startsWithSnapshot the first record is a snapshot read (op r)
   * @param error why the file cannot be read, or null
   */
  record Inspection(String path, String schema, boolean startsWithSnapshot, String error) implements Serializable {}

  private AvroFileInspector() {}

  static List<Inspection> inspect(SparkSession spark, List<ArchiveFile> files) {
    if (files.isEmpty()) {
      return List.of();
    }
    List<String> paths = new ArrayList<>();
    files.forEach(f -> paths.add(f.path()));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> conf =
        jsc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
    int slices = Math.max(1, Math.min(paths.size(), spark.sparkContext().defaultParallelism() * 4));
    return jsc.parallelize(paths, slices).map(path -> inspectOne(path, conf.value())).collect();
  }

  /**
   * Reads every record of every file, in one Spark job, and returns the files that fail with the
   * reason: used to name the broken file when a read failed without saying which.
   */
  static List<Inspection> readFully(SparkSession spark, List<String> paths) {
    if (paths.isEmpty()) {
      return List.of();
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> conf =
        jsc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
    int slices = Math.max(1, Math.min(paths.size(), spark.sparkContext().defaultParallelism() * 4));
    return jsc.parallelize(paths, slices).map(path -> readOne(path, conf.value()))
        .filter(i -> i.error() != null).collect();
  }

  private static Inspection readOne(String path, SerializableConfiguration conf) {
    Path file = new Path(path);
    try (InputStream in = file.getFileSystem(conf.value()).open(file);
         DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
      GenericRecord reuse = null;
      while (stream.hasNext()) {
        reuse = stream.next(reuse);
      }
      return new Inspection(path, null, false, null);
    } catch (IOException | RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return new Inspection(path, null, false, root.getClass().getSimpleName() + ": " + root.getMessage());
    }
  }

  private static Inspection inspectOne(String path, SerializableConfiguration conf) {
    Path file = new Path(path);
    try {
      FileSystem fs = file.getFileSystem(conf.value());
      try (InputStream in = fs.open(file);
           DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
        boolean snapshot = false;
        if (stream.hasNext()) {
          GenericRecord first = stream.next();
          Object op = first.get("op");
          snapshot = op != null && "r".equals(op.toString());
        }
        return new Inspection(path, stream.getSchema().toString(), snapshot, null);
      }
    } catch (IOException | RuntimeException e) {
      return new Inspection(path, null, false, String.valueOf(e.getMessage()));
    }
  }

}
