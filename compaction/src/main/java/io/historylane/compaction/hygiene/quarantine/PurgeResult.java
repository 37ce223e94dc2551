package io.historylane.compaction.hygiene.quarantine;

import java.util.List;

/** The quarantine runs a purge deleted (or, in a dry run, would delete) and those it kept. */
public record PurgeResult(boolean dryRun, List<QuarantineManifest> purged, List<QuarantineManifest> kept) {
  public PurgeResult {
    purged = List.copyOf(purged);
    kept = List.copyOf(kept);
  }

  public long bytesPurged() {
    return purged.stream().mapToLong(QuarantineManifest::bytes).sum();
  }
}
