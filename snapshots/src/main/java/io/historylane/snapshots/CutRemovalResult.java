package io.historylane.snapshots;

import java.util.List;

/**
 * What dropping or expiring cuts did (or, in a dry run, would do).
 *
 * @param cuts the cuts removed from the manifest
 * @param tagsRemoved per table, the tags that existed and were removed
 * @param tagsAlreadyGone tags the manifest listed that no longer existed (expired by the format itself,
 *     removed by hand, or their table dropped)
 */
public record CutRemovalResult(boolean dryRun, List<Cut> cuts, List<String> tagsRemoved, List<String> tagsAlreadyGone) {
  public CutRemovalResult {
    cuts = List.copyOf(cuts);
    tagsRemoved = List.copyOf(tagsRemoved);
    tagsAlreadyGone = List.copyOf(tagsAlreadyGone);
  }
}
