package io.historylane.snapshots;

import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.config.TableConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.lake.SnapshotProperties;
import io.historylane.core.session.LakehouseSession;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Undoes commits: puts an Iceberg table's main back to an earlier snapshot of its own history, by
 * id or by a tag (a cut). Nothing is deleted (the undone snapshots stay until expiry, their files
 * until an orphan sweep), so a rollback can itself be undone by rolling forward to the snapshot it
 * left. It refuses a target outside main's history, and commits by writers other than historylane
 * unless forced: undoing someone else's data is a decision for a person. Paimon tables are refused:
 * Paimon's rollback deletes every later snapshot and tag.
 */
public final class RollbackTable {
  private final LakehouseSession session;
  private String tableName;
  private String target;
  private boolean dryRun;
  private boolean force;

  RollbackTable(LakehouseSession session) {
    this.session = session;
  }

  public RollbackTable table(String name) {
    this.tableName = name;
    return this;
  }

  /** A snapshot id of main's history, or a tag's name. */
  public RollbackTable to(String snapshotOrTag) {
    this.target = snapshotOrTag;
    return this;
  }

  public RollbackTable dryRun(boolean plan) {
    this.dryRun = plan;
    return this;
  }

  /** Also undo commits other writers made (they carry no historylane run id). */
  public RollbackTable force(boolean undoOthers) {
    this.force = undoOthers;
    return this;
  }

  public RollbackResult execute() {
    TableConfig config = icebergTable(session.config(), tableName);
    Table table = session.icebergTable(config.iceberg());
    Snapshot main = table.currentSnapshot();
    if (main == null) {
      throw new BadInputException(config.iceberg() + " has no snapshot to roll back from");
    }
    long targetId = resolve(table);
    if (!SnapshotUtil.isAncestorOf(table, main.snapshotId(), targetId)) {
      throw new BadInputException(target + " is not in the history of " + config.iceberg() + "'s main (it may be on a"
          + " branch, or expired): pick a snapshot from SELECT * FROM " + session.icebergCatalogName() + "."
          + config.iceberg() + ".history");
    }
    List<Long> undone = new ArrayList<>();
    List<Long> others = new ArrayList<>();
    for (Snapshot s : SnapshotUtil.ancestorsBetween(table, main.snapshotId(), targetId)) {
      undone.add(s.snapshotId());
      if (!s.summary().containsKey(SnapshotProperties.RUN_ID) && !"replace".equals(s.operation())) {
        others.add(s.snapshotId());
      }
    }
    if (!others.isEmpty() && !force) {
      throw new BadInputException("rolling " + config.iceberg() + " back to " + target + " would also undo "
          + others.size() + " commit(s) not made by historylane (" + others + "): check what they are, then add --force"
          + " if they must go too");
    }
    List<LocalDate> days = ChangedDays.between(table, targetId, main.snapshotId()).orElse(List.of());
    if (!dryRun && !undone.isEmpty()) {
      table.manageSnapshots().rollbackTo(targetId).commit();
    }
    return new RollbackResult(tableName, config.iceberg(), target, dryRun, main.snapshotId(), targetId, undone, days);
  }

  /** The registered table {@code name}, which must be an Iceberg table: Paimon tables are not rolled back. */
  public static TableConfig icebergTable(HistorylaneConfig config, String name) {
    return SnapshotActions.icebergTable(config, name, "Paimon's rollback deletes every later snapshot and tag, so"
        + " historylane does not do it; read the snapshot or tag you need instead");
  }

  private long resolve(Table table) {
    SnapshotRef ref = table.refs().get(target);
    if (ref != null) {
      if (!ref.isTag()) {
        throw new BadInputException(target + " is a branch of " + table.name() + ", not a tag: to put main at a"
            + " branch, publish it (snapshot publish)");
      }
      return ref.snapshotId();
    }
    try {
      long id = Long.parseLong(target);
      if (table.snapshot(id) == null) {
        throw new BadInputException("snapshot " + id + " does not exist in " + table.name() + " (expired?)");
      }
      return id;
    } catch (NumberFormatException e) {
      throw new BadInputException("--to " + target + " is neither a snapshot id nor a tag of " + table.name()
          + " (tags: " + table.refs().keySet().stream().filter(n -> table.refs().get(n).isTag()).toList() + ")");
    }
  }
}
