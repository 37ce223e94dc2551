package io.historylane.snapshots;

import java.time.Instant;

/** A table snapshot and the instant it was committed. */
public record SnapshotAt(long id, Instant committedAt) {}
