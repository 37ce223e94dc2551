package io.historylane.compaction.hygiene.orphans;

import java.time.Instant;

/** A file no snapshot, tag or branch of its table references, older than the minimum age. */
public record OrphanFile(String path, long size, Instant modifiedAt) {}
