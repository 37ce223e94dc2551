package io.historylane.snapshots;

import io.historylane.core.error.BadInputException;
import io.historylane.core.session.LakehouseSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that every live cut (or one) is still what the manifest says: in every table the tag
 * exists, points at the recorded snapshot, and that snapshot and every file it needs (manifest
 * list, manifests, data and delete files) still exist. Reads metadata and checks file existence;
 * reads no data.
 */
public final class VerifyCuts {
  private final LakehouseSession session;
  private final CutManifest manifest;
  private String name;
  private Instant now = Instant.now();

  VerifyCuts(LakehouseSession session, CutManifest manifest) {
    this.session = session;
    this.manifest = manifest;
  }

  /** Only this cut; all cuts when never called. */
  public VerifyCuts cut(String cutName) {
    this.name = cutName;
    return this;
  }

  /** The instant retention is judged at (default: now). */
  public VerifyCuts now(Instant instant) {
    this.now = instant;
    return this;
  }

  public VerifyResult execute() {
    List<Cut> cuts = name == null ? manifest.cuts() : List.of(SnapshotActions.find(manifest, name));
    Map<TableRef, TableTags> opened = new HashMap<>();
    List<CutCheck> checks = new ArrayList<>();
    for (Cut cut : cuts) {
      if (cut.expired(now)) {
        checks.add(new CutCheck(cut.name(), cut.asOf(), true, cut.entries().size(), List.of()));
        continue;
      }
      List<String> problems = new ArrayList<>();
      for (CutEntry entry : cut.entries()) {
        TableTags tags;
        try {
          tags = opened.computeIfAbsent(entry.tableRef(), ref -> TableTags.open(session, ref));
        } catch (BadInputException e) {
          problems.add("cut " + cut.name() + ": " + e.getMessage());
          continue;
        }
        tags.problems(cut.name(), entry.snapshotId()).forEach(p -> problems.add("cut " + cut.name() + ": " + p));
      }
      checks.add(new CutCheck(cut.name(), cut.asOf(), false, cut.entries().size(), problems));
    }
    return new VerifyResult(checks);
  }
}
