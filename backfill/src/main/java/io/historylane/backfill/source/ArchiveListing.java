package io.historylane.backfill.source;

import io.historylane.core.error.BadInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists a topic's archive files with the time of the folder each sits in. The Kafka Connect S3
 * sink's TimeBasedPartitioner writes {@code year=YYYY/month=MM/day=dd[/hour=HH]/} folders (UTC),
 * by the time records arrived; that time bounds which files can hold a given change.
 */
public final class ArchiveListing {
  private static final Pattern TIME_FOLDERS =
      Pattern.compile("year=(\\d{4})/month=(\\d{1,2})/day=(\\d{1,2})(?:/hour=(\\d{1,2}))?/");

  private ArchiveListing() {}

  public static List<ArchiveFile> list(Configuration conf, String topicRoot) {
    Path root = new Path(topicRoot);
    List<ArchiveFile> files = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(conf);
      String rootPrefix = fs.makeQualified(root).toString();
      for (FileStatus status : statuses(fs, root)) {
        String name = status.getPath().getName();
        if (!name.endsWith(".avro") || name.startsWith(".") || name.startsWith("_")) {
          continue;
        }
        String path = status.getPath().toString();
        String relative = path.startsWith(rootPrefix) ? path.substring(rootPrefix.length()) : path;
        Instant[] period = folderPeriod(relative);
        files.add(new ArchiveFile(path, status.getLen(), status.getModificationTime(),
            period == null ? null : period[0], period == null ? null : period[1]));
      }
    } catch (FileNotFoundException e) {
      throw new BadInputException("the archive has no folder " + topicRoot
          + ": check archive.root in the config and the table's source.debezium.topic");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the archive at " + topicRoot, e);
    }
    files.sort(Comparator.comparing(ArchiveFile::path));
    return files;
  }

  /**
   * Every file below {@code root}. An object store lists them in one paged listing; a local folder
   * is walked folder by folder, because Hadoop's local file system builds each file's
   * LocatedFileStatus by forking {@code ls} for its permissions (without the native library),
   * which took seconds for a few thousand files.
   */
  private static List<FileStatus> statuses(FileSystem fs, Path root) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
      walk(fs, root, out);
    } else {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        out.add(it.next());
      }
    }
    return out;
  }

  private static void walk(FileSystem fs, Path dir, List<FileStatus> out) throws IOException {
    for (FileStatus status : fs.listStatus(dir)) {
      if (status.isDirectory()) {
        walk(fs, status.getPath(), out);
      } else {
        out.add(status);
      }
    }
  }

  /** The [start, end) of the time folder in {@code relativePath}, or null when it has none. */
  static Instant[] folderPeriod(String relativePath) {
    Matcher m = TIME_FOLDERS.matcher(relativePath);
    if (!m.find()) {
      return null;
    }
    LocalDateTime start = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), 0);
    Duration length = m.group(4) == null ? Duration.ofDays(1) : Duration.ofHours(1);
    Instant s = start.toInstant(ZoneOffset.UTC);
    return new Instant[] {s, s.plus(length)};
  }
}
