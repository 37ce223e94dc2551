package io.historylane.backfill.source;

import io.historylane.backfill.source.AvroFileInspector.Inspection;
import io.historylane.backfill.source.SourcePlan.SourceInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * A topic's archive as seen by one run: every file listed, and the ones that may matter inspected.
 * Which files can hold a change committed in a window follows from the folder a file sits in: a
 * record arrives after it commits, so a folder that ended before the window began holds none of
 * it, and one that began after the window's end (plus the delivery slack folded into the horizon)
 * holds none either - except snapshot reads, which carry rows of any age at the time they are read.
 */
public final class ArchiveScan {
  private final String topic;
  private final List<ArchiveFile> files;
  private final Map<String, Inspection> inspections;

  ArchiveScan(String topic, List<ArchiveFile> files, List<Inspection> inspections) {
    this.topic = topic;
    this.files = files;
    this.inspections = new LinkedHashMap<>();
    inspections.forEach(i -> this.inspections.put(i.path(), i));
  }

  public String topic() {
    return topic;
  }

  /** Files whose folder period overlaps [from, to), and files without folder times. */
  static List<ArchiveFile> overlapping(List<ArchiveFile> files, Instant from, Instant to) {
    List<ArchiveFile> out = new ArrayList<>();
    for (ArchiveFile f : files) {
      if (!f.hasFolderTime() || f.folderEnd().isAfter(from) && f.folderStart().isBefore(to)) {
        out.add(f);
      }
    }
    return out;
  }

  /** Files that begin at or after {@code to}: candidates for snapshot reads. */
  static List<ArchiveFile> after(List<ArchiveFile> files, Instant to) {
    return files.stream().filter(f -> f.hasFolderTime() && !f.folderStart().isBefore(to)).toList();
  }

  /**
   * The files that can hold changes committed in [from, to).
   *
   * @param laterSnapshots also files after the window that start with snapshot reads (facts need
   *     them: a snapshot read carries a row of any event time)
   * @param excluded files left out (quarantined as unreadable)
   */
  public SourcePlan inputs(Instant from, Instant to, boolean laterSnapshots, Set<String> excluded) {
    List<SourceInput> inputs = new ArrayList<>();
    for (ArchiveFile f : overlapping(files, from, to)) {
      if (!excluded.contains(f.path())) {
        inputs.add(new SourceInput(f.path(), f.size(), f.modified()));
      }
    }
    if (laterSnapshots) {
      for (ArchiveFile f : after(files, to)) {
        Inspection i = inspections.get(f.path());
        if (i != null && i.startsWithSnapshot() && !excluded.contains(f.path())) {
          inputs.add(new SourceInput(f.path(), f.size(), f.modified()));
        }
      }
    }
    return new SourcePlan("debezium:" + topic, inputs);
  }

  /** Inspected files that could not be opened as Avro, with the reason. */
  public Map<String, String> unreadable() {
    Map<String, String> out = new LinkedHashMap<>();
    inspections.values().stream().filter(i -> i.error() != null).forEach(i -> out.put(i.path(), i.error()));
    return out;
  }

  /**
   * The one reader schema for {@code plan}'s files, merged from their writer schemas, oldest to
   * newest; for a plan without files, the schema of the files inspected.
   */
  public ReaderSchema readerSchema(SourcePlan plan) {
    Map<String, Map.Entry<String, Schema>> byJson = new LinkedHashMap<>();
    java.util.stream.Stream<Inspection> candidates = plan.inputs().isEmpty() ? inspections.values().stream()
        : plan.inputs().stream().map(in -> inspections.get(in.location()));
    Map<String, Instant> folders = new java.util.HashMap<>();
    files.forEach(f -> folders.put(f.path(), f.hasFolderTime() ? f.folderStart() : Instant.EPOCH));
    List<Inspection> ordered = candidates
        .filter(i -> i != null && i.schema() != null)
        .sorted(Comparator.comparing((Inspection i) -> folders.getOrDefault(i.path(), Instant.EPOCH)).thenComparing(Inspection::path))
        .toList();
    Map<String, Schema> parsed = new java.util.HashMap<>();
    for (Inspection i : ordered) {
      byJson.remove(i.schema());
      byJson.put(i.schema(), Map.entry(i.path(), parsed.computeIfAbsent(i.schema(), json -> new Schema.Parser().parse(json))));
    }
    return ReaderSchema.merge(topic, new ArrayList<>(byJson.values()));
  }
}
