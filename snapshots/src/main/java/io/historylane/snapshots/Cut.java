package io.historylane.snapshots;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A cut as the manifest records it: its name, instant, retention and one entry per table. */
public record Cut(String name, Instant asOf, Instant retentionEnd, Instant createdAt, String creator, String runId,
    List<CutEntry> entries) {

  public Cut {
    entries = List.copyOf(entries);
  }

  public boolean expired(Instant now) {
    return !retentionEnd.isAfter(now);
  }

  /** Groups manifest rows into cuts, ordered by as-of then name; tables in the order recorded. */
  public static List<Cut> group(List<CutEntry> entries) {
    Map<String, List<CutEntry>> byName = new LinkedHashMap<>();
    for (CutEntry e : entries) {
      byName.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e);
    }
    List<Cut> cuts = new ArrayList<>();
    for (List<CutEntry> rows : byName.values()) {
      CutEntry first = rows.get(0);
      // rows added to a cut later (a table joining it) may carry a later retention: the cut lives as long as its longest
      Instant retention = rows.stream().map(CutEntry::retentionEnd).max(Comparator.naturalOrder()).orElseThrow();
      cuts.add(new Cut(first.name(), first.asOf(), retention, first.createdAt(), first.creator(), first.runId(), rows));
    }
    cuts.sort(Comparator.comparing(Cut::asOf).thenComparing(Cut::name));
    return cuts;
  }
}
