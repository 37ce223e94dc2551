package io.historylane.snapshots;

import io.historylane.core.session.LakehouseSession;
import java.util.List;

/** Drops one cut: its tag in every table and its manifest rows. Safe to rerun after a failure. */
public final class DropCut {
  private final LakehouseSession session;
  private final CutManifest manifest;
  private final String name;
  private boolean dryRun;

  DropCut(LakehouseSession session, CutManifest manifest, String name) {
    this.session = session;
    this.manifest = manifest;
    this.name = name;
  }

  public DropCut dryRun(boolean plan) {
    this.dryRun = plan;
    return this;
  }

  public CutRemovalResult execute() {
    return CutRemoval.remove(session, manifest, List.of(SnapshotActions.find(manifest, name)), dryRun);
  }
}
