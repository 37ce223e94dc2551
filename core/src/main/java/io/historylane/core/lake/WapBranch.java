package io.historylane.core.lake;

import io.historylane.core.error.RunFailedException;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Write-audit-publish on an Iceberg branch: write to a branch made from main, audit it, then
 * fast-forward main to it. Main never sees unaudited data; a branch that failed its audit stays
 * for inspection; publishing fails, rather than losing a commit, if main moved in between.
 */
public final class WapBranch {
  private WapBranch() {}

  /** Creates {@code branch} at main's current snapshot (or empty, for a table without one) unless it exists. */
  public static void ensure(Table table, String branch) {
    table.refresh();
    if (!table.refs().containsKey(branch)) {
      Snapshot current = table.currentSnapshot();
      create(table, branch, current == null ? null : current.snapshotId());
    }
  }

  /**
   * Makes {@code branch} afresh at {@code base} (empty when null), replacing a branch of that name
   * left by a run that died: a staging branch holds nothing worth keeping.
   */
  public static void recreate(Table table, String branch, Long base) {
    table.refresh();
    if (table.refs().containsKey(branch)) {
      table.manageSnapshots().removeBranch(branch).commit();
    }
    create(table, branch, base);
  }

  private static void create(Table table, String branch, Long base) {
    if (base == null) {
      table.manageSnapshots().createBranch(branch).commit();
    } else {
      table.manageSnapshots().createBranch(branch, base).commit();
    }
  }

  /** Removes {@code branch} if it exists. */
  public static void drop(Table table, String branch) {
    table.refresh();
    if (table.refs().containsKey(branch)) {
      table.manageSnapshots().removeBranch(branch).commit();
    }
  }

  /** The Spark identifier that writes to {@code branch} of {@code table}: {@code cat.ns.t.branch_b}. */
  public static String sparkIdentifier(String catalog, String table, String branch) {
    return catalog + "." + table + ".branch_" + branch;
  }

  /**
   * Checks, on the table's current metadata, that {@code branch} exists and main can be
   * fast-forwarded to it (main is an ancestor of the branch); the check a dry-run publish makes.
   *
   * @return the branch's ref
   */
  public static SnapshotRef publishable(Table table, String branch) {
    table.refresh();
    SnapshotRef ref = table.refs().get(branch);
    if (ref == null || !ref.isBranch()) {
      throw new RunFailedException("branch " + branch + " does not exist in " + table.name()
          + ": list branches with SELECT * FROM <table>.refs");
    }
    Snapshot main = table.currentSnapshot();
    if (main != null && !SnapshotUtil.isAncestorOf(table, ref.snapshotId(), main.snapshotId())) {
      throw new RunFailedException("cannot publish branch " + branch + " of " + table.name()
          + ": main has commits the branch does not (a concurrent write). Nothing was published; rerun the"
          + " backfill, which rebuilds the branch from main");
    }
    return ref;
  }

  /**
   * Fast-forwards main to {@code branch} and removes the branch. Fails with advice when main has
   * commits the branch does not (main moved since the branch was made).
   *
   * @return main's new snapshot id
   */
  public static long publish(Table table, String branch) {
    SnapshotRef ref = publishable(table, branch);
    Snapshot main = table.currentSnapshot();
    try {
      if (main == null) {
        table.manageSnapshots().createBranch(SnapshotRef.MAIN_BRANCH, ref.snapshotId()).removeBranch(branch).commit();
      } else {
        table.manageSnapshots().fastForwardBranch(SnapshotRef.MAIN_BRANCH, branch).removeBranch(branch).commit();
      }
    } catch (CommitFailedException e) {
      throw new RunFailedException("publishing branch " + branch + " of " + table.name()
          + " failed because main moved meanwhile: nothing was published; rerun", e);
    }
    table.refresh();
    return table.currentSnapshot().snapshotId();
  }
}
