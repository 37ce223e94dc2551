package io.historylane.compaction.hygiene.orphans;

import java.time.Duration;
import java.util.List;

/** The orphans found in one table's location. */
public record TableOrphans(String table, String identifier, String format, String location, Duration minAge,
    List<OrphanFile> orphans) {
  public TableOrphans {
    orphans = List.copyOf(orphans);
  }

  public long bytes() {
    return orphans.stream().mapToLong(OrphanFile::size).sum();
  }
}
