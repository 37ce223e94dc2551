package io.historylane.compaction.hygiene;

import java.time.Duration;
import java.time.Instant;

/** A tag older than the policy's tag-max-age: its snapshot's files cannot be expired while it exists. */
public record PinningTag(String name, long snapshotId, Instant snapshotTime, Duration age, Duration maxAge) {}
