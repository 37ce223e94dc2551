package io.historylane.snapshots;

import io.historylane.core.session.LakehouseSession;
import java.time.Instant;
import java.util.List;

/**
 * Removes every cut whose retention has ended: its tags in every table and its manifest rows. Run
 * with snapshot expiry ({@code hygiene expire}): Iceberg's expiry drops a cut's tags at the same
 * age by itself (their max ref age), Paimon's tag expiry by their time-retained; this keeps the
 * manifest from pointing at tags that are gone, and removes any still there.
 */
public final class ExpireCuts {
  private final LakehouseSession session;
  private final CutManifest manifest;
  private final Instant now;
  private boolean dryRun;

  ExpireCuts(LakehouseSession session, CutManifest manifest, Instant now) {
    this.session = session;
    this.manifest = manifest;
    this.now = now;
  }

  public ExpireCuts dryRun(boolean plan) {
    this.dryRun = plan;
    return this;
  }

  public CutRemovalResult execute() {
    List<Cut> expired = manifest.cuts().stream().filter(c -> c.expired(now)).toList();
    return CutRemoval.remove(session, manifest, expired, dryRun);
  }
}
