package io.historylane.compaction.plan;

import java.util.Locale;

/** What compaction does to a partition. */
public enum PlanAction {
  /** Iceberg: combine small files (and files with many deleted rows) into target-size files. */
  BINPACK,
  /** Iceberg: the same, writing rows in the table's sort order. */
  SORT,
  /** Iceberg: combine small position delete files and drop those that no longer apply. */
  REWRITE_POSITION_DELETES,
  /** Iceberg: regroup the manifests that list the partition's files. */
  REWRITE_MANIFESTS,
  /** Paimon: merge every sorted run of each bucket into one. */
  FULL_COMPACTION,
  /** Paimon: merge some sorted runs of each bucket, as Paimon's own compaction picks them. */
  MINOR_COMPACTION;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether the action rewrites data files (as opposed to delete files or manifests only). */
  public boolean rewritesData() {
    return this == BINPACK || this == SORT || this == FULL_COMPACTION || this == MINOR_COMPACTION;
  }
}
