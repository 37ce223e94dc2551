package io.historylane.compaction.hygiene.quarantine;

import io.historylane.core.session.LakehouseSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Restore and purge of quarantine runs, made by orphan sweeps and dropped-table quarantines alike.
 *
 * <pre>
 *   RestoreResult r = QuarantineActions.in(session).restore("20250101T020000Z-hygiene-orphans-1a2b3c", false);
 *   PurgeResult p = QuarantineActions.in(session).purge(Duration.ofDays(30), false);
 * </pre>
 */
public final class QuarantineActions {
  private final Quarantine quarantine;
  private Clock clock = Clock.systemUTC();

  private QuarantineActions(Quarantine quarantine) {
    this.quarantine = quarantine;
  }

  public static QuarantineActions in(LakehouseSession session) {
    return new QuarantineActions(new Quarantine(new StorageFiles(session.spark().sparkContext().hadoopConfiguration()),
        session.config().quarantine().dir()));
  }

  public QuarantineActions clock(Clock now) {
    this.clock = now;
    return this;
  }

  /** Puts back, byte for byte, every file run {@code runId} moved. Safe to repeat. */
  public RestoreResult restore(String runId, boolean dryRun) {
    QuarantineManifest manifest = quarantine.run(runId);
    List<Quarantine.RestoreState> states = quarantine.restore(manifest, dryRun, clock.instant());
    int inPlace = (int) states.stream().filter(s -> s == Quarantine.RestoreState.IN_PLACE).count();
    return new RestoreResult(manifest, dryRun, states.size() - inPlace, inPlace);
  }

  /** Deletes for good the quarantine runs moved more than {@code olderThan} ago. */
  public PurgeResult purge(Duration olderThan, boolean dryRun) {
    Instant cutoff = clock.instant().minus(olderThan);
    List<QuarantineManifest> purged = new ArrayList<>();
    List<QuarantineManifest> kept = new ArrayList<>();
    for (QuarantineManifest run : quarantine.runs()) {
      if (run.movedAt().isBefore(cutoff)) {
        if (!dryRun) {
          quarantine.purge(run);
        }
        purged.add(run);
      } else {
        kept.add(run);
      }
    }
    return new PurgeResult(dryRun, purged, kept);
  }
}
