package io.historylane.compaction.plan;

import java.time.LocalDate;

/**
 * A partition as people read it: its path ({@code sold_at_day=2025-01-05/provider_id_bucket=2},
 * {@code dt=2025-01-05}, or empty for an unpartitioned table) and the day it holds, when the
 * table is partitioned by day (null otherwise).
 */
public record PartitionRef(String label, LocalDate day) implements Comparable<PartitionRef> {
  public PartitionRef {
    label = label == null || label.isEmpty() ? "(unpartitioned)" : label;
  }

  @Override
  public int compareTo(PartitionRef other) {
    return label.compareTo(other.label);
  }

  @Override
  public String toString() {
    return label;
  }
}
