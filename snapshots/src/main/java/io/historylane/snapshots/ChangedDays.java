package io.historylane.snapshots;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The day partitions a run of commits touched, read from the commits' own manifests (which files
 * each added or removed, and their partition): metadata only. Known when every such file has a
 * {@code day(...)} partition field, which facts have; otherwise (a dimension, an unpartitioned
 * table) unknown, and downstream treats the change as the whole table.
 */
final class ChangedDays {
  private ChangedDays() {}

  /** Days touched by the commits after {@code fromExclusive} (null: from the start) up to {@code toInclusive}. */
  static Optional<List<LocalDate>> between(Table table, Long fromExclusive, long toInclusive) {
    TreeSet<LocalDate> days = new TreeSet<>();
    for (Snapshot s : SnapshotUtil.ancestorsBetween(table, toInclusive, fromExclusive)) {
      for (Iterable<? extends ContentFile<?>> files : List.of(s.addedDataFiles(table.io()), s.removedDataFiles(table.io()),
          s.addedDeleteFiles(table.io()), s.removedDeleteFiles(table.io()))) {
        for (ContentFile<?> file : files) {
          Optional<LocalDate> day = day(table.specs().get(file.specId()), file);
          if (day.isEmpty()) {
            return Optional.empty();
          }
          days.add(day.get());
        }
      }
    }
    return Optional.of(List.copyOf(days));
  }

  private static Optional<LocalDate> day(PartitionSpec spec, ContentFile<?> file) {
    List<PartitionField> fields = spec.fields();
    for (int i = 0; i < fields.size(); i++) {
      if ("day".equals(fields.get(i).transform().toString())) {
        Integer epochDay = file.partition().get(i, Integer.class);
        return Optional.ofNullable(epochDay).map(LocalDate::ofEpochDay);
      }
    }
    return Optional.empty();
  }
}
