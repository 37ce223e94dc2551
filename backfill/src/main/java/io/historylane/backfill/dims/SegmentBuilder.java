package io.historylane.backfill.dims;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The heart of the type-2 rules (cdc-and-scd2.md), for one key, in plain Java: given the versions
 * the table holds and the key's states committed in {@code [from, to)}, the key's new history.
 *
 * <ul>
 *   <li>A state is the key's row (or its absence) at one commit time; several changes inside one
 *       commit were already folded into the last one, so no version has zero length.
 *   <li>A change of a tracked column opens a version at its commit time and closes the previous
 *       one there; a state equal in every tracked column opens nothing (no-op and type-1 changes).
 *   <li>A delete closes the open version and marks it {@code deleted}: the key has no version until
 *       it is inserted again (the gap is the deletion period).
 *   <li>Stitching: the version open at {@code from} continues into the range; the range's last
 *       version is closed by the first version the table holds at or after {@code to}, or merges
 *       with it when their tracked columns agree (a change that is no longer a change).
 *   <li>Deletes after the range close the range's last version at the earliest of them: the ones the
 *       table knows (a deleted version ending at or after {@code to}) and orphan deletes - deletes
 *       that found no version to close when their range was built before the ranges that created
 *       the key, handed back to be remembered. So ranges built in any order, and rebuilt again, give
 *       the same history.
 *   <li>Type-1 columns take the key's latest value on every version: from whichever is newer, the
 *       range's last row image or the image the table's versions already carry ({@code type1AsOf},
 *       the commit time of that image) - a later range built first may have set them already.
 * </ul>
 */
final class SegmentBuilder {
  /** The key at one commit time: alive with its tracked and type-1 values, or deleted. */
  record State(long commitMillis, boolean alive, List<Object> tracked, List<Object> type1) {}

  /**
   * A version: [validFrom, validTo), validTo null while open; deleted when a delete closed it;
   * type1AsOf is the commit time of the row image its type-1 values come from.
   */
  record Version(long validFrom, Long validTo, boolean deleted, List<Object> tracked, List<Object> type1, long type1AsOf) {
    Version closedAt(Long at, boolean byDelete) {
      return new Version(validFrom, at, byDelete, tracked, type1, type1AsOf);
    }

    Version withType1(List<Object> values, long asOf) {
      return new Version(validFrom, validTo, deleted, tracked, values, asOf);
    }

    boolean open() {
      return validTo == null;
    }
  }

  /** The key's new history, and the deletes in the range that found no version to close. */
  record Rebuilt(List<Version> versions, List<Long> orphanDeletes) {}

  private SegmentBuilder() {}

  /**
   * @param existing the key's versions in the table, ordered by validFrom
   * @param states the key's states committed in [from, to), ordered by commit time, one per commit time
   * @param laterDeletes orphan deletes remembered at or after {@code to}, ascending
   */
  static Rebuilt rebuild(List<Version> existing, List<State> states, List<Long> laterDeletes, long from, long to) {
    List<Version> before = new ArrayList<>();
    List<Version> after = new ArrayList<>();
    for (Version v : existing) {
      if (v.validFrom() < from) {
        before.add(v);
      } else if (v.validFrom() >= to) {
        after.add(v);
      }
    }
    List<Version> out = new ArrayList<>();
    Version open = null;
    if (!before.isEmpty()) {
      out.addAll(before.subList(0, before.size() - 1));
      Version last = before.get(before.size() - 1);
      if (last.validTo() == null || last.validTo() >= from) {
        open = last; // still open at `from`: the range continues it
      } else {
        out.add(last); // closed (deleted) before the range began
      }
    }
    State lastAlive = null;
    List<Long> orphans = new ArrayList<>();
    for (State s : states) {
      if (!s.alive()) {
        if (open != null) {
          out.add(open.closedAt(s.commitMillis(), true));
          open = null;
        } else {
          orphans.add(s.commitMillis());
        }
        continue;
      }
      lastAlive = s;
      if (open == null) {
        open = new Version(s.commitMillis(), null, false, s.tracked(), s.type1(), s.commitMillis());
      } else if (!Objects.equals(open.tracked(), s.tracked())) {
        out.add(open.closedAt(s.commitMillis(), false));
        open = new Version(s.commitMillis(), null, false, s.tracked(), s.type1(), s.commitMillis());
      }
    }
    int firstAfter = 0;
    if (open != null) {
      long nextStart = after.isEmpty() ? Long.MAX_VALUE : after.get(0).validFrom();
      List<Long> deletes = new ArrayList<>(laterDeletes);
      for (Version v : existing) {
        if (v.deleted() && v.validTo() != null && v.validTo() >= to) {
          deletes.add(v.validTo());
        }
      }
      Long delete = deletes.stream().filter(d -> d >= to && d < nextStart).min(Long::compare).orElse(null);
      if (delete != null) {
        out.add(open.closedAt(delete, true));
      } else if (!after.isEmpty() && Objects.equals(after.get(0).tracked(), open.tracked())) {
        Version next = after.get(0);
        out.add(new Version(open.validFrom(), next.validTo(), next.deleted(), open.tracked(), open.type1(), open.type1AsOf()));
        firstAfter = 1;
      } else {
        out.add(open.closedAt(after.isEmpty() ? null : after.get(0).validFrom(), false));
      }
    }
    out.addAll(after.subList(firstAfter, after.size()));
    Version known = existing.stream().max(java.util.Comparator.comparingLong(Version::type1AsOf)).orElse(null);
    List<Object> type1 = null;
    long type1AsOf = Long.MIN_VALUE;
    if (lastAlive != null && (known == null || lastAlive.commitMillis() >= known.type1AsOf())) {
      type1 = lastAlive.type1();
      type1AsOf = lastAlive.commitMillis();
    } else if (known != null) {
      type1 = known.type1();
      type1AsOf = known.type1AsOf();
    }
    List<Version> result = new ArrayList<>(out.size());
    for (Version v : out) {
      result.add(type1 == null ? v : v.withType1(type1, type1AsOf));
    }
    return new Rebuilt(result, orphans);
  }
}
