package io.historylane.compaction.hygiene.quarantine;

/**
 * What a restore put back.
 *
 * @param restored files copied back to their original location
 * @param alreadyInPlace files whose original location already held the same bytes
 */
public record RestoreResult(QuarantineManifest manifest, boolean dryRun, int restored, int alreadyInPlace) {}
