package io.historylane.snapshots;

import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.config.Suggestions;
import io.historylane.core.config.TableConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.session.LakehouseSession;
import java.time.Instant;
import java.util.List;

/**
 * Entry point to the snapshot capability, in the style of Iceberg's SparkActions:
 * {@code SnapshotActions.in(session).cut().tables(..).points(..).execute()}.
 */
public final class SnapshotActions {
  private final LakehouseSession session;
  private final CutManifest manifest;

  private SnapshotActions(LakehouseSession session) {
    this.session = session;
    this.manifest = new CutManifest(session);
  }

  public static SnapshotActions in(LakehouseSession session) {
    return new SnapshotActions(session);
  }

  public CutSnapshots cut() {
    return new CutSnapshots(session, manifest);
  }

  /** Every recorded cut, by as-of then name. */
  public List<Cut> list() {
    return manifest.cuts();
  }

  /** A cut and how to read each of its tables in Spark SQL and StarRocks. */
  public CutReading show(String name) {
    Cut cut = find(manifest, name);
    ReadStatements statements = new ReadStatements(session.config());
    return new CutReading(cut, cut.entries().stream()
        .map(e -> new CutReading.Table(e, statements.spark(e), statements.starRocks(e))).toList());
  }

  public VerifyCuts verify() {
    return new VerifyCuts(session, manifest);
  }

  /** Removes one cut: its tag in every table and its manifest rows. */
  public RemoveCuts drop(String name) {
    return new RemoveCuts(session, manifest, cuts -> List.of(find(cuts, name, manifest)));
  }

  /** Removes the cuts whose retention ended at or before {@code now}; for hygiene expire. */
  public RemoveCuts expireCuts(Instant now) {
    return new RemoveCuts(session, manifest, cuts -> cuts.stream().filter(c -> c.expired(now)).toList());
  }

  public PublishBranch publish() {
    return new PublishBranch(session);
  }

  /** Puts an Iceberg table's main back to an earlier snapshot or a tag. */
  public RollbackTable rollback() {
    return new RollbackTable(session);
  }

  public CutManifest manifest() {
    return manifest;
  }

  static Cut find(CutManifest manifest, String name) {
    return find(manifest.cuts(), name, manifest);
  }

  /** The registered table {@code name}, which must be an Iceberg table; {@code whyNotPaimon} says why. */
  static TableConfig icebergTable(HistorylaneConfig config, String name, String whyNotPaimon) {
    TableConfig table = config.table(name);
    if (!table.isIceberg()) {
      throw new BadInputException("--table " + name + " is a Paimon table: " + whyNotPaimon);
    }
    return table;
  }

  private static Cut find(List<Cut> cuts, String name, CutManifest manifest) {
    return cuts.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new BadInputException("no cut named " + name
            + Suggestions.didYouMean(name, cuts.stream().map(Cut::name).toList())
            + " in " + manifest.identifier() + ": list the cuts with `historylane snapshot list`"));
  }
}
