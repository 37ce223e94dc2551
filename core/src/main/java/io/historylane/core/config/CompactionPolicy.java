package io.historylane.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.Locale;

/**
 * When a partition is worth compacting and how long history is kept. Tables name a policy from
 * {@code compaction-policies}; {@code default} always exists.
 *
 * @param targetFileSize the file size compaction writes; absent: the table's target-file-size
 * @param minInputFiles a partition with fewer small files than this is left alone
 * @param quietPeriod partitions committed to more recently than this are skipped, so compaction
 *     does not fight a streaming writer
 * @param deleteRatioThreshold rewrite a data file once this share of its rows is deleted
 * @param maxGroupSize bounds one rewrite group (driver memory, commit size)
 * @param paimonMode full merges every sorted run of a bucket; minor merges some
 * @param snapshotsOlderThan snapshots older than this may be expired
 * @param retainLast the newest snapshots always kept, however old
 * @param tagMaxAge tags older than this are reported as pinning storage
 * @param orphanMinAge files younger than this are never treated as orphans (3 days at least)
 * @param maxManifests a partition whose live files are spread over more manifests than this gets
 *     its manifests rewritten (Iceberg)
 * @param conflictRetries extra passes for partitions whose rewrite conflicted with a concurrent
 *     commit; after them the partition is reported as deferred, never dropped silently
 */
public record CompactionPolicy(
    DataSize targetFileSize,
    Integer minInputFiles,
    Duration quietPeriod,
    Double deleteRatioThreshold,
    DataSize maxGroupSize,
    Integer maxConcurrentGroups,
    Strategy strategy,
    PaimonMode paimonMode,
    Duration snapshotsOlderThan,
    Integer retainLast,
    Duration tagMaxAge,
    Duration orphanMinAge,
    Integer maxManifests,
    Integer conflictRetries) {

  public static final Duration MIN_ORPHAN_AGE = Duration.ofDays(3);

  public enum Strategy {
    /** sort when the table has a sort order, binpack otherwise */
    AUTO, BINPACK, SORT;

    @JsonCreator
    public static Strategy parse(String text) {
      return Enums.parse(Strategy.class, text);
    }

    @JsonValue
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public enum PaimonMode {
    FULL, MINOR;

    @JsonCreator
    public static PaimonMode parse(String text) {
      return Enums.parse(PaimonMode.class, text);
    }

    @JsonValue
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public CompactionPolicy {
    minInputFiles = minInputFiles == null ? 5 : minInputFiles;
    quietPeriod = quietPeriod == null ? Duration.ofHours(1) : quietPeriod;
    deleteRatioThreshold = deleteRatioThreshold == null ? 0.3 : deleteRatioThreshold;
    maxGroupSize = maxGroupSize == null ? DataSize.parse("10GB") : maxGroupSize;
    maxConcurrentGroups = maxConcurrentGroups == null ? 5 : maxConcurrentGroups;
    strategy = strategy == null ? Strategy.AUTO : strategy;
    paimonMode = paimonMode == null ? PaimonMode.FULL : paimonMode;
    snapshotsOlderThan = snapshotsOlderThan == null ? Duration.ofDays(5) : snapshotsOlderThan;
    retainLast = retainLast == null ? 1 : retainLast;
    tagMaxAge = tagMaxAge == null ? Duration.ofDays(400) : tagMaxAge;
    orphanMinAge = orphanMinAge == null ? MIN_ORPHAN_AGE : orphanMinAge;
    maxManifests = maxManifests == null ? 20 : maxManifests;
    conflictRetries = conflictRetries == null ? 2 : conflictRetries;
    if (minInputFiles < 1) {
      throw new ConfigProblem("min-input-files", "must be at least 1", "write e.g. 5");
    }
    if (deleteRatioThreshold <= 0 || deleteRatioThreshold > 1) {
      throw new ConfigProblem("delete-ratio-threshold", "must be in (0, 1]", "write e.g. 0.3");
    }
    if (retainLast < 1) {
      throw new ConfigProblem("retain-last", "must keep at least the current snapshot", "write 1 or more");
    }
    if (maxManifests < 1) {
      throw new ConfigProblem("max-manifests", "must be at least 1", "write e.g. 20");
    }
    if (conflictRetries < 0) {
      throw new ConfigProblem("conflict-retries", "cannot be negative", "write 0 for no retry pass, or e.g. 2");
    }
    if (orphanMinAge.compareTo(MIN_ORPHAN_AGE) < 0) {
      throw new ConfigProblem("orphan-min-age", "is below the 3-day floor that protects in-flight writes",
          "use 3d or more; a one-off shorter sweep takes --i-know-orphan-age-is-unsafe on the command line");
    }
  }

  /** The file size compaction writes for {@code table}: this policy's, else the table's own. */
  public DataSize targetFileSizeFor(TableConfig table) {
    return targetFileSize != null ? targetFileSize : table.targetFileSize();
  }

  public static CompactionPolicy defaults() {
    return new CompactionPolicy(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
