package io.historylane.snapshots;

import java.time.Instant;
import java.util.List;

/** One cut of a run: its name, instant, retention, and what happened in every table. */
public record CutOutcome(String name, Instant asOf, Instant retentionEnd, List<TagOutcome> tags) {
  public CutOutcome {
    tags = List.copyOf(tags);
  }

  public long count(TagOutcome.Action action) {
    return tags.stream().filter(t -> t.action() == action).count();
  }
}
