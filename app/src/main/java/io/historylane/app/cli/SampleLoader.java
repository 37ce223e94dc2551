package io.historylane.app.cli;

import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.session.Locations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Puts the committed sample (test-data/samples) where the config expects history: the Debezium
 * archive under archive.root and the Paimon CDC tables under the Paimon warehouse. What is already
 * there is left alone, so the demo can run again and again.
 */
final class SampleLoader {
  private SampleLoader() {}

  /** @return what was copied, for the summary */
  static List<String> load(HistorylaneConfig config, Configuration hadoop, Path sample) {
    List<String> copied = new ArrayList<>();
    Path topics = sample.resolve("debezium").resolve("topics");
    Path paimon = sample.resolve("paimon");
    if (!Files.isDirectory(topics)) {
      throw new io.historylane.core.error.BadInputException("no sample at " + sample
          + ": run the demo from the repository root, or pass --sample with the folder that holds debezium/ and paimon/");
    }
    String archive = Locations.normalize(config.archive().root());
    if (!archive.equals(Locations.normalize(topics.toString()))) {
      copied.addAll(copyMissing(topics, archive, hadoop));
    }
    if (config.catalogs().paimon() != null && Files.isDirectory(paimon)) {
      copied.addAll(copyMissing(paimon, Locations.normalize(config.catalogs().paimon().warehouse()), hadoop));
    }
    return copied;
  }

  private static List<String> copyMissing(Path localDir, String target, Configuration hadoop) {
    List<String> copied = new ArrayList<>();
    try {
      org.apache.hadoop.fs.Path targetPath = new org.apache.hadoop.fs.Path(target);
      FileSystem fs = targetPath.getFileSystem(hadoop);
      try (var children = Files.list(localDir)) {
        for (Path child : (Iterable<Path>) children::iterator) {
          org.apache.hadoop.fs.Path dest = new org.apache.hadoop.fs.Path(targetPath, child.getFileName().toString());
          if (!fs.exists(dest) || isEmptyDir(fs, dest)) {
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(child.toUri()), dest);
            copied.add(dest.toString());
          }
        }
      }
      return copied;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the sample into " + target, e);
    }
  }

  private static boolean isEmptyDir(FileSystem fs, org.apache.hadoop.fs.Path dir) throws IOException {
    FileStatus status = fs.getFileStatus(dir);
    return status.isDirectory() && fs.listStatus(dir).length == 0;
  }
}
