package io.historylane.compaction.plan;

/**
 * How one partition's data is laid out in files: what the planner decides on and what the report
 * shows before and after a compaction.
 *
 * @param dataFiles live data files
 * @param dataBytes their total size
 * @param records rows in them (before deletes apply)
 * @param fragments data files under an eighth of the target size
 * @param undersized data files under 0.75 of the target size (fragments included)
 * @param deleteFiles delete files (position, equality, deletion vectors) that apply to them
 * @param positionDeleteFiles of those, position delete files
 * @param deleteRecords rows the delete files delete
 * @param manifests manifests that hold the partition's live files (Iceberg; 0 for Paimon)
 * @param idealFiles the fewest files the data fits in at the target size, per bucket (at least 1)
 */
public record FileLayout(
    int dataFiles,
    long dataBytes,
    long records,
    int fragments,
    int undersized,
    int deleteFiles,
    int positionDeleteFiles,
    long deleteRecords,
    int manifests,
    int idealFiles) {

  public static final FileLayout EMPTY = new FileLayout(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /**
   * The health score, 0 to 100 (README, "Compaction"): the share of files that need to exist
   * ({@code idealFiles / dataFiles}), times the share of rows not deleted by delete files, times a
   * manifest factor ({@code maxManifests / manifests} once manifests exceed the policy's limit).
   * 100 means nothing compaction could improve.
   */
  public int health(int maxManifests) {
    if (dataFiles == 0) {
      return 100;
    }
    double files = Math.min(1.0, (double) Math.max(1, idealFiles) / dataFiles);
    double deletes = records == 0 ? 1.0 : 1.0 - Math.min(1.0, (double) deleteRecords / records);
    double manifestFactor = manifests <= maxManifests ? 1.0 : (double) maxManifests / manifests;
    return (int) Math.round(100 * files * deletes * manifestFactor);
  }
}
