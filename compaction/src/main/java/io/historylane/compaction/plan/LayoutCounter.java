package io.historylane.compaction.plan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Adds up the files of one partition into a {@link FileLayout}. Delete files and manifests are
 * counted once however many data files they apply to; the ideal file count is worked out per
 * bucket, since files of different buckets can never be merged.
 */
public final class LayoutCounter {
  private final long targetBytes;
  private final Map<Integer, Long> bytesPerBucket = new HashMap<>();
  private final Set<String> deleteFiles = new HashSet<>();
  private final Set<String> manifests = new HashSet<>();
  private int dataFiles;
  private long dataBytes;
  private long records;
  private int fragments;
  private int undersized;
  private int positionDeleteFiles;
  private long deleteRecords;
  private long newestFileMillis = Long.MIN_VALUE;

  public LayoutCounter(long targetBytes) {
    this.targetBytes = targetBytes;
  }

  /** A data file of {@code bucket} (0 when the format has no buckets inside a partition). */
  public void dataFile(int bucket, long bytes, long rows, String manifest) {
    dataFiles++;
    dataBytes += bytes;
    records += rows;
    if (bytes < targetBytes / 8) {
      fragments++;
    }
    if (bytes < targetBytes * 3 / 4) {
      undersized++;
    }
    bytesPerBucket.merge(bucket, bytes, Long::sum);
    if (manifest != null) {
      manifests.add(manifest);
    }
  }

  /** A delete file (counted once by {@code location}) deleting {@code rows}. */
  public void deleteFile(String location, long rows, boolean positional) {
    if (deleteFiles.add(location)) {
      deleteRecords += rows;
      if (positional) {
        positionDeleteFiles++;
      }
    }
  }

  /** Rows deleted inside a data file itself (Paimon deletion vectors). */
  public void deletedRows(long rows) {
    deleteRecords += rows;
  }

  /** When a file of the partition was written or committed; the newest is kept. */
  public void written(long epochMillis) {
    newestFileMillis = Math.max(newestFileMillis, epochMillis);
  }

  public long newestFileMillis() {
    return newestFileMillis;
  }

  public FileLayout layout() {
    int ideal = 0;
    for (long bytes : bytesPerBucket.values()) {
      ideal += (int) Math.max(1, (bytes + targetBytes - 1) / targetBytes);
    }
    return new FileLayout(dataFiles, dataBytes, records, fragments, undersized, deleteFiles.size(),
        positionDeleteFiles, deleteRecords, manifests.size(), ideal);
  }
}
