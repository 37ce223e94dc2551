package io.historylane.snapshots;

import java.time.Instant;

/**
 * A tag to create, or to move when {@code replace}, kept until {@code retentionEnd}.
 */
record TagWrite(String tag, SnapshotAt snapshot, Instant retentionEnd, boolean replace) {}
