package io.historylane.core.lake;

/**
 * Keys historylane stamps on its commits' snapshot summaries: every commit carries the run id;
 * backfill commits also say what they were built from, the ledger a rerun reads to skip chunks
 * already committed with the same inputs.
 */
public final class SnapshotProperties {
  public static final String RUN_ID = "historylane.run-id";
  public static final String TABLE = "historylane.table";
  public static final String RANGE = "historylane.range";
  public static final String CHUNK = "historylane.chunk";
  public static final String FINGERPRINT = "historylane.fingerprint";
  public static final String DAYS = "historylane.days";

  private SnapshotProperties() {}

  /** The write option that puts {@code key} into the snapshot summary. */
  public static String writeOption(String key) {
    return "snapshot-property." + key;
  }
}
