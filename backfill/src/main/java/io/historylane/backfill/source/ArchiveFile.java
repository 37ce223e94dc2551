package io.historylane.backfill.source;

import java.time.Instant;

/**
 * One Avro file of the Debezium archive.
 *
 * @param folderStart the start of the time folder it sits in (the hour or day its records
 *     arrived); null when the path has no year=/month=/day= folders
 * @param folderEnd the end of that folder's period (exclusive)
 */
public record ArchiveFile(String path, long size, long modified, Instant folderStart, Instant folderEnd) {
  public boolean hasFolderTime() {
    return folderStart != null;
  }
}
