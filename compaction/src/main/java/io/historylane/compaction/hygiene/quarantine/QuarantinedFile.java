package io.historylane.compaction.hygiene.quarantine;

import java.time.Instant;

/**
 * One file in quarantine: where it was, where it is, and what it must be when put back.
 *
 * @param original the file's location before the move, as the table or listing named it
 * @param quarantined its location under the quarantine prefix
 * @param size its length in bytes
 * @param sha256 the SHA-256 of its content
 * @param modifiedAt its modification time before the move (object stores cannot keep it)
 */
public record QuarantinedFile(String original, String quarantined, long size, String sha256, Instant modifiedAt) {}
