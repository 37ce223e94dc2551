package io.historylane.snapshots;

import java.util.List;

/** What {@link VerifyCuts} found: one check per cut. */
public record VerifyResult(List<CutCheck> cuts) {
  public VerifyResult {
    cuts = List.copyOf(cuts);
  }

  public boolean ok() {
    return cuts.stream().allMatch(CutCheck::ok);
  }

  public List<String> problems() {
    return cuts.stream().flatMap(c -> c.problems().stream()).toList();
  }
}
