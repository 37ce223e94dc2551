package io.historylane.compaction;

import java.math.BigDecimal;
import java.util.List;

/**
 * Proof that a run of rewrite commits changed layout only: the rewritten partitions read at the
 * snapshot before and at the snapshot after have the same row count and order-independent
 * checksum (core TableChecksum). A mismatch never becomes a Verification: it fails the run.
 */
public record Verification(long snapshotBefore, long snapshotAfter, List<String> partitions, long rows,
    BigDecimal checksum) {
  public Verification {
    partitions = List.copyOf(partitions);
  }
}
