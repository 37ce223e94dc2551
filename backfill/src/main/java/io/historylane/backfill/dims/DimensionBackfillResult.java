package io.historylane.backfill.dims;

import io.historylane.core.time.DateRange;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a dimension backfill did (or, in a dry run, would do).
 *
 * @param range the commit-time range rebuilt; {@link DateRange#ALL} for a full rebuild
 * @param keysChanged keys with changes in the range: the only keys whose versions were rebuilt
 * @param versionsWritten versions added or rewritten (new, restitched, or given new type-1 values)
 * @param versionsRemoved versions that no longer exist
 * @param verification the invariant check of the changed keys' versions as the run leaves them, made before
 *     anything is committed
 */
public record DimensionBackfillResult(
    String table,
    String identifier,
    DateRange range,
    Instant asOf,
    boolean dryRun,
    Long snapshotBefore,
    Long snapshotAfter,
    long keysChanged,
    long versionsWritten,
    long versionsRemoved,
    int sourceFiles,
    long sourceBytes,
    long rejected,
    String quarantine,
    List<Map<String, Object>> truncates,
    List<String> schemaChanges,
    VerificationResult verification,
    long durationMs) {

  public DimensionBackfillResult {
    truncates = List.copyOf(truncates);
    schemaChanges = List.copyOf(schemaChanges);
  }

  public boolean changed() {
    return !dryRun && (versionsWritten > 0 || versionsRemoved > 0);
  }
}
