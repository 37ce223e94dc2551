package io.historylane.compaction.hygiene.orphans;

import io.historylane.core.error.RunFailedException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.paimon.operation.OrphanFilesClean;
import org.apache.paimon.table.FileStoreTable;

/**
 * Finds a Paimon table's orphans with Paimon's own cleaner in dry-run form (its file cleaner
 * collects instead of deleting): files no snapshot, tag, changelog or branch uses. It lists the
 * candidates before reading the used files, the order that closed paimon#3074.
 */
final class PaimonOrphans {
  private static final DateTimeFormatter PAIMON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private PaimonOrphans() {}

  /** @return orphan files and folders (a folder Paimon does not know at a partition level) */
  static List<String> find(FileStoreTable table, Instant olderThan) {
    List<String> found = Collections.synchronizedList(new ArrayList<>());
    try {
      // Paimon parses the cut-off in the JVM's zone
      new OrphanFilesClean(table)
          .olderThan(PAIMON_TIME.format(LocalDateTime.ofInstant(olderThan, ZoneId.systemDefault())))
          .fileCleaner(path -> found.add(path.toString()))
          .clean();
    } catch (Exception e) {
      throw new RunFailedException("the orphan search of " + table.name() + " failed: " + e.getMessage()
          + ". Nothing was moved", e);
    }
    return List.copyOf(found);
  }
}
