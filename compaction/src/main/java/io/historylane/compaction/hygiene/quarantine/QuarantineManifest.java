package io.historylane.compaction.hygiene.quarantine;

import java.time.Instant;
import java.util.List;

/**
 * The manifest written next to a quarantine run's files ({@code _manifest.json}): enough to put
 * every file back byte for byte, and to know when the quarantine may be purged.
 *
 * @param runId the run that moved the files
 * @param kind {@code orphans} or {@code dropped-tables}
 * @param movedAt when the files were moved; purge measures age from it
 * @param restoredAt when the files were last put back (null: never)
 */
public record QuarantineManifest(String runId, String kind, Instant movedAt, List<QuarantinedFile> files,
    Instant restoredAt) {
  public QuarantineManifest {
    files = files == null ? List.of() : List.copyOf(files);
  }

  public long bytes() {
    return files.stream().mapToLong(QuarantinedFile::size).sum();
  }

  public QuarantineManifest restored(Instant when) {
    return new QuarantineManifest(runId, kind, movedAt, files, when);
  }
}
