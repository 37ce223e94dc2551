package io.historylane.snapshots;

import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.config.TableConfig;
import io.historylane.core.lake.WapBranch;
import io.historylane.core.session.LakehouseSession;
import java.time.LocalDate;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The publish step of write-audit-publish, for on-call use: fast-forwards main of an Iceberg table
 * to a branch a backfill wrote and (usually) audited, then removes the branch. Main never loses a
 * commit: if main moved since the branch was made, nothing is published. A dry run makes the same
 * checks and changes nothing.
 */
public final class PublishBranch {
  private final LakehouseSession session;
  private String tableName;
  private String branch;
  private boolean dryRun;

  PublishBranch(LakehouseSession session) {
    this.session = session;
  }

  /** A registered Iceberg table. */
  public PublishBranch table(String name) {
    this.tableName = name;
    return this;
  }

  public PublishBranch branch(String name) {
    this.branch = name;
    return this;
  }

  public PublishBranch dryRun(boolean plan) {
    this.dryRun = plan;
    return this;
  }

  /** The registered table {@code name}, which must be an Iceberg table: branches to publish are Iceberg's. */
  public static TableConfig icebergTable(HistorylaneConfig config, String name) {
    return SnapshotActions.icebergTable(config, name, "write-audit-publish branches are Iceberg's; publish a"
        + " registered Iceberg table");
  }


  public PublishResult execute() {
    TableConfig config = icebergTable(session.config(), tableName);
    Table table = session.icebergTable(config.identifier());
    SnapshotRef ref = WapBranch.publishable(table, branch);
    Snapshot main = table.currentSnapshot();
    Long mainBefore = main == null ? null : main.snapshotId();
    int commits = 0;
    for (Snapshot ignored : SnapshotUtil.ancestorsBetween(table, ref.snapshotId(), mainBefore)) {
      commits++;
    }
    List<LocalDate> days = ChangedDays.between(table, mainBefore, ref.snapshotId()).orElse(List.of());
    long mainAfter = dryRun ? ref.snapshotId() : WapBranch.publish(table, branch);
    return new PublishResult(tableName, config.identifier(), branch, dryRun, mainBefore, mainAfter, commits, days);
  }
}
