package io.historylane.compaction.iceberg;

import io.historylane.compaction.Verification;
import io.historylane.compaction.verify.LayoutVerifier;
import io.historylane.core.error.RunFailedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Verifies every rewrite committed on main since the plan's snapshot. Rewrites are the
 * {@code replace} commits; a writer's commits may sit between them, so each unbroken run of
 * rewrites is checked on its own: the partitions it touched, read at the snapshot before the run
 * and at its last snapshot, must hold the same rows.
 */
final class IcebergVerification {
  private IcebergVerification() {}

  static List<Verification> verify(Table table, IcebergPartitions partitions, LayoutVerifier verifier, long since) {
    table.refresh();
    long head = table.currentSnapshot().snapshotId();
    if (head != since && !SnapshotUtil.isAncestorOf(table, head, since)) {
      throw new RunFailedException("main of " + table.name() + " no longer descends from snapshot " + since
          + " (a rollback?): the compaction cannot be verified; inspect the table's history");
    }
    List<Snapshot> commits = new ArrayList<>();
    SnapshotUtil.ancestorsBetween(head, since, table::snapshot).forEach(commits::add);
    Collections.reverse(commits);
    List<Verification> verified = new ArrayList<>();
    List<Snapshot> run = new ArrayList<>();
    for (Snapshot s : commits) {
      if (DataOperations.REPLACE.equals(s.operation())) {
        run.add(s);
      } else {
        verifyRun(table, partitions, verifier, run, verified);
        run.clear();
      }
    }
    verifyRun(table, partitions, verifier, run, verified);
    return verified;
  }

  private static void verifyRun(Table table, IcebergPartitions partitions, LayoutVerifier verifier, List<Snapshot> run,
      List<Verification> into) {
    Set<PartitionKey> touched = new LinkedHashSet<>();
    for (Snapshot s : run) {
      touched.addAll(IcebergFiles.touchedBy(table, s));
    }
    if (touched.isEmpty()) {
      return; // manifest rewrites: no data file changed
    }
    List<String> labels = touched.stream().map(k -> partitions.ref(k).label()).sorted().toList();
    into.add(verifier.verify(run.get(0).parentId(), run.get(run.size() - 1).snapshotId(), labels,
        partitions.sqlPredicate(touched)));
  }
}
