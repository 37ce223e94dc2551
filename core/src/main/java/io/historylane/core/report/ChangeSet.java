package io.historylane.core.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What one step hands the next: per table, what changed and where. Data flows one way, so a
 * change set is the only thing compaction, snapshots and the StarRocks refresh learn from a
 * backfill. Merging keeps one entry per table: a data change wins over a layout change, days
 * are united, the later snapshot wins.
 */
public record ChangeSet(List<TableChange> changes) {
  public static final ChangeSet EMPTY = new ChangeSet(List.of());

  public ChangeSet {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public ChangeSet plus(TableChange change) {
    List<TableChange> all = new ArrayList<>(changes);
    all.add(change);
    return merge(all);
  }

  public ChangeSet plus(ChangeSet other) {
    List<TableChange> all = new ArrayList<>(changes);
    all.addAll(other.changes);
    return merge(all);
  }

  private static ChangeSet merge(List<TableChange> all) {
    Map<String, TableChange> byTable = new LinkedHashMap<>();
    for (TableChange c : all) {
      byTable.merge(c.table(), c, ChangeSet::combine);
    }
    return new ChangeSet(new ArrayList<>(byTable.values()));
  }

  private static TableChange combine(TableChange a, TableChange b) {
    ChangeKind kind = a.kind() == ChangeKind.DATA || b.kind() == ChangeKind.DATA ? ChangeKind.DATA : ChangeKind.LAYOUT;
    List<LocalDate> days;
    if (kind == ChangeKind.DATA && (dataWhole(a) || dataWhole(b))) {
      days = List.of();
    } else {
      TreeSet<LocalDate> union = new TreeSet<>(a.days());
      union.addAll(b.days());
      days = new ArrayList<>(union);
    }
    Long snapshot = b.snapshotId() != null ? b.snapshotId() : a.snapshotId();
    return new TableChange(a.table(), a.identifier(), a.format(), kind, days, snapshot);
  }

  private static boolean dataWhole(TableChange c) {
    return c.kind() == ChangeKind.DATA && c.wholeTable();
  }
}
