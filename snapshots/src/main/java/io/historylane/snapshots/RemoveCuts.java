package io.historylane.snapshots;

import io.historylane.core.error.BadInputException;
import io.historylane.core.session.LakehouseSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Removes whole cuts, chosen from the manifest: one by name ({@code snapshot drop}) or every cut
 * whose retention has ended ({@code hygiene expire}). Their tags go first, in every table, then
 * their manifest rows, so a run that stops half-way leaves rows whose tags are gone, which a rerun
 * finishes; never a tag the manifest no longer knows. Iceberg's own expiry drops a cut's tags at
 * the end of its retention by itself (their max ref age), Paimon's by their time-retained: tags
 * already gone are reported, not an error. Removing a Paimon tag lets Paimon delete data files
 * only that tag kept.
 */
public final class RemoveCuts {
  private final LakehouseSession session;
  private final CutManifest manifest;
  private final UnaryOperator<List<Cut>> select;
  private boolean dryRun;

  RemoveCuts(LakehouseSession session, CutManifest manifest, UnaryOperator<List<Cut>> select) {
    this.session = session;
    this.manifest = manifest;
    this.select = select;
  }

  public RemoveCuts dryRun(boolean plan) {
    this.dryRun = plan;
    return this;
  }

  public CutRemovalResult execute() {
    List<Cut> cuts = select.apply(manifest.cuts());
    Map<TableRef, List<String>> tagsByTable = new LinkedHashMap<>();
    for (Cut cut : cuts) {
      for (CutEntry entry : cut.entries()) {
        tagsByTable.computeIfAbsent(entry.tableRef(), k -> new ArrayList<>()).add(entry.name());
      }
    }
    List<String> removed = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    for (Map.Entry<TableRef, List<String>> e : tagsByTable.entrySet()) {
      TableRef ref = e.getKey();
      TableTags tags;
      try {
        tags = TableTags.open(session, ref);
      } catch (BadInputException tableGone) {
        e.getValue().forEach(tag -> gone.add(tag + " in " + ref.describe() + " (table missing)"));
        continue;
      }
      Set<String> existing = dryRun ? present(tags, e.getValue()) : tags.remove(e.getValue());
      for (String tag : e.getValue()) {
        (existing.contains(tag) ? removed : gone).add(tag + " in " + ref.describe());
      }
    }
    if (!dryRun) {
      Set<String> names = new HashSet<>();
      cuts.forEach(c -> names.add(c.name()));
      manifest.update(rows -> rows.stream().filter(r -> !names.contains(r.name())).toList());
    }
    return new CutRemovalResult(dryRun, cuts, removed, gone);
  }

  private static Set<String> present(TableTags tags, List<String> names) {
    Set<String> present = new HashSet<>();
    for (String name : names) {
      if (tags.tagged(name).isPresent()) {
        present.add(name);
      }
    }
    return present;
  }
}
