package io.historylane.compaction.testing;

import io.historylane.testkit.TestLake;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;

/** Objects in the test bucket: written through S3A, read and aged as the in-JVM server's files. */
public final class LakeFiles {
  private LakeFiles() {}

  /** Writes {@code size} random bytes to {@code s3a://lake/<key>} and returns them. */
  public static byte[] write(String key, int size) {
    byte[] bytes = new byte[size];
    new Random(key.hashCode()).nextBytes(bytes);
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path("s3a://" + TestLake.BUCKET + "/" + key);
    try {
      FileSystem fs = path.getFileSystem(MaintenanceLake.spark().sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(path, true)) {
        out.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
  }

  public static Path file(String key) {
    return TestLake.get().s3().objectFile(TestLake.BUCKET, key);
  }

  public static boolean exists(String key) {
    return Files.isRegularFile(file(key));
  }

  public static byte[] read(String key) {
    try {
      return Files.readAllBytes(file(key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes every object under {@code prefix} look written at {@code when} (its Last-Modified). */
  public static void age(String prefix, Instant when) {
    try (Stream<Path> files = Files.walk(file(prefix))) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Files.setLastModifiedTime(f, FileTime.from(when));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
