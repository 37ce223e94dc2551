package io.historylane.core.report;

/** What a commit changed, which decides what downstream caches must be told. */
public enum ChangeKind {
  /** Rows changed: external-table metadata and dependent materialized views must refresh. */
  DATA,
  /** Only files changed (compaction): the external table's metadata refreshes, no MV does. */
  LAYOUT
}
