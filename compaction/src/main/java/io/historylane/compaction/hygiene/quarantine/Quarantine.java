package io.historylane.compaction.hygiene.quarantine;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.historylane.core.error.BadInputException;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.report.Json;
import io.historylane.core.session.Locations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;

/**
 * The quarantine prefix ({@code quarantine.dir}): files are moved there instead of deleted, under
 * {@code <dir>/<kind>/<run-id>/<original path without scheme>}, with a manifest written before any
 * original is deleted. A move that stops half-way leaves originals in place or a manifest that
 * restores them; a restore refuses to overwrite a different file; a purge deletes whole runs.
 */
public final class Quarantine {
  public static final String ORPHANS = "orphans";
  public static final String DROPPED_TABLES = "dropped-tables";
  static final String MANIFEST = "_manifest.json";

  private final StorageFiles files;
  private final String root;

  public Quarantine(StorageFiles files, String dir) {
    this.files = files;
    this.root = StoragePaths.forHadoop(Locations.normalize(dir));
  }

  public String root() {
    return root;
  }

  public String runDir(String kind, String runId) {
    return root + "/" + kind + "/" + runId;
  }

  /** Where {@code original} goes in run {@code runId}. */
  public String target(String kind, String runId, String original) {
    return runDir(kind, runId) + "/" + StoragePaths.withoutScheme(original);
  }

  /**
   * Copies every file into the run's folder (hashing the copy), writes the manifest, then deletes
   * the originals.
   */
  public QuarantineManifest move(String kind, String runId, List<FileStatus> originals, Instant now) {
    List<QuarantinedFile> moved = new ArrayList<>();
    for (FileStatus f : originals) {
      String original = f.getPath().toString();
      String target = target(kind, runId, original);
      StorageFiles.Copied copy = files.copy(original, target);
      if (copy.size() != f.getLen()) {
        throw new RunFailedException("quarantining " + original + " copied " + copy.size() + " of " + f.getLen()
            + " bytes; the original is untouched. Check the storage and rerun");
      }
      moved.add(new QuarantinedFile(original, target, copy.size(), copy.sha256(), Instant.ofEpochMilli(f.getModificationTime())));
    }
    QuarantineManifest manifest = new QuarantineManifest(runId, kind, now, moved, null);
    write(manifest);
    for (QuarantinedFile f : moved) {
      files.delete(f.original(), false);
    }
    return manifest;
  }

  private void write(QuarantineManifest manifest) {
    try {
      files.writeString(runDir(manifest.kind(), manifest.runId()) + "/" + MANIFEST,
          Json.mapper().writeValueAsString(manifest));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every quarantine run with a manifest, of both kinds. */
  public List<QuarantineManifest> runs() {
    List<QuarantineManifest> runs = new ArrayList<>();
    for (String kind : List.of(ORPHANS, DROPPED_TABLES)) {
      for (FileStatus dir : files.folders(root + "/" + kind)) {
        String manifest = dir.getPath().toString() + "/" + MANIFEST;
        if (files.exists(manifest)) {
          runs.add(read(manifest));
        }
      }
    }
    return runs;
  }

  /** The run {@code runId}, or a bad-input error naming the runs there are. */
  public QuarantineManifest run(String runId) {
    for (String kind : List.of(ORPHANS, DROPPED_TABLES)) {
      String manifest = runDir(kind, runId) + "/" + MANIFEST;
      if (files.exists(manifest)) {
        return read(manifest);
      }
    }
    List<String> known = runs().stream().map(QuarantineManifest::runId).toList();
    throw new BadInputException("no quarantine run " + runId + " under " + root + ": runs there are "
        + (known.isEmpty() ? "none" : String.join(", ", known)) + " (the run id is in the sweep's report)");
  }

  private QuarantineManifest read(String manifest) {
    try {
      return Json.mapper().readValue(files.readString(manifest), QuarantineManifest.class);
    } catch (JsonProcessingException e) {
      throw new RunFailedException("quarantine manifest " + manifest + " is unreadable: " + e.getOriginalMessage());
    }
  }

  /** What a restore finds for one file. */
  public enum RestoreState {
    /** The original location is free: the file goes back. */
    MISSING,
    /** The same bytes are already there (an earlier restore, or the move stopped before deleting). */
    IN_PLACE
  }

  /**
   * Checks every file first (nothing is written while one is in the way), then copies back those
   * missing and checks size and SHA-256 of each against the manifest.
   *
   * @return per file, whether it was copied back or already in place
   */
  public List<RestoreState> restore(QuarantineManifest manifest, boolean dryRun, Instant now) {
    List<RestoreState> states = new ArrayList<>();
    for (QuarantinedFile f : manifest.files()) {
      if (!files.exists(f.original())) {
        states.add(RestoreState.MISSING);
      } else if (files.status(f.original()).getLen() == f.size() && files.sha256Of(f.original()).equals(f.sha256())) {
        states.add(RestoreState.IN_PLACE);
      } else {
        throw new RunFailedException("cannot restore run " + manifest.runId() + ": " + f.original()
            + " exists with different content. Nothing was restored; move that file aside and rerun");
      }
    }
    if (dryRun) {
      return states;
    }
    for (int i = 0; i < states.size(); i++) {
      QuarantinedFile f = manifest.files().get(i);
      if (states.get(i) == RestoreState.MISSING) {
        StorageFiles.Copied back = files.copy(f.quarantined(), f.original());
        if (back.size() != f.size() || !back.sha256().equals(f.sha256())) {
          throw new RunFailedException("restored " + f.original() + " differs from what was quarantined (size "
              + back.size() + " vs " + f.size() + "): the quarantine copy is damaged; it stays in " + f.quarantined());
        }
      }
    }
    write(manifest.restored(now));
    return states;
  }

  /** Deletes a run's folder: its files, copies of which were restored or are no longer wanted. */
  public void purge(QuarantineManifest manifest) {
    files.delete(runDir(manifest.kind(), manifest.runId()), true);
  }
}
