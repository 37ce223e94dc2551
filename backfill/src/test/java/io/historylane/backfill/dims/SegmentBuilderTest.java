package io.historylane.backfill.dims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.historylane.backfill.dims.SegmentBuilder.State;
import io.historylane.backfill.dims.SegmentBuilder.Version;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stitching rules on small hand-made cases (the property test covers the random ones). */
class SegmentBuilderTest {
  private static State alive(long t, String tracked, String type1) {
    return new State(t, true, List.of(tracked), List.of(type1));
  }

  private static State deleted(long t) {
    return new State(t, false, null, null);
  }

  private static Version version(long from, Long to, boolean deleted, String tracked, String type1, long type1AsOf) {
    return new Version(from, to, deleted, List.of(tracked), List.of(type1), type1AsOf);
  }

  @Test
  void trackedChangesOpenVersionsAndNoOpsDoNot() {
    List<Version> v = SegmentBuilder.rebuild(List.of(), List.of(alive(10, "a", "x"), alive(20, "a", "y"),
        alive(30, "b", "z")), List.of(), 0, 100).versions();
    assertEquals(List.of(version(10, 30L, false, "a", "z", 30), version(30, null, false, "b", "z", 30)), v);
  }

  @Test
  void aDeleteClosesAndAReinsertOpensAfterAGap() {
    List<Version> v = SegmentBuilder.rebuild(List.of(), List.of(alive(10, "a", "x"), deleted(20), alive(40, "a", "y")),
        List.of(), 0, 100).versions();
    assertEquals(List.of(version(10, 20L, true, "a", "y", 40), version(40, null, false, "a", "y", 40)), v);
  }

  @Test
  void theRangeStitchesToTheVersionsBeforeAndAfterIt() {
    List<Version> existing = List.of(version(10, 50L, false, "a", "old", 70), version(50, null, false, "c", "old", 70));
    // a late change in [20, 40) sets b until the next version; type-1 stays with the newer image (at 70)
    List<Version> v = SegmentBuilder.rebuild(existing, List.of(alive(25, "b", "late")), List.of(), 20, 40).versions();
    assertEquals(List.of(version(10, 25L, false, "a", "old", 70), version(25, 50L, false, "b", "old", 70),
        version(50, null, false, "c", "old", 70)), v);
  }

  @Test
  void aVersionAfterTheRangeThatIsNoLongerAChangeMerges() {
    // built [40, 100) first: the change at 50 opened a version; [0, 40) sets the same tracked value earlier
    List<Version> existing = List.of(version(50, null, false, "b", "new", 50));
    List<Version> v = SegmentBuilder.rebuild(existing, List.of(alive(10, "b", "first")), List.of(), 0, 40).versions();
    assertEquals(List.of(version(10, null, false, "b", "new", 50)), v);
  }

  @Test
  void typeOneValuesComeFromTheNewestImageWhateverTheBuildOrder() {
    // March built first set the e-mail at 80 and merged into the version from January; February
    // then holds an older e-mail change at 50: the newer image (80) keeps its value
    List<Version> existing = List.of(version(10, null, false, "a", "march", 80));
    List<Version> v = SegmentBuilder.rebuild(existing, List.of(alive(50, "a", "february")), List.of(), 40, 70).versions();
    assertEquals(List.of(version(10, null, false, "a", "march", 80)), v);
  }

  @Test
  void rebuildingARangeKeepsADeleteThatCameAfterIt() {
    // [0, 40) built, then [40, 100) closed its version by a delete at 60; rebuild [0, 40) again
    List<Version> existing = List.of(version(10, 60L, true, "a", "x", 10));
    List<Version> v = SegmentBuilder.rebuild(existing, List.of(alive(10, "a", "x")), List.of(), 0, 40).versions();
    assertEquals(existing, v);
  }

  @Test
  void anOrphanDeleteAfterTheRangeEndsItsLastVersion() {
    // [40, 100) built first held only a delete at 60: remembered as an orphan delete
    SegmentBuilder.Rebuilt later = SegmentBuilder.rebuild(List.of(), List.of(deleted(60)), List.of(), 40, 100);
    assertEquals(List.of(), later.versions());
    assertEquals(List.of(60L), later.orphanDeletes());
    List<Version> v = SegmentBuilder.rebuild(List.of(), List.of(alive(10, "a", "x")), List.of(60L), 0, 40).versions();
    assertEquals(List.of(version(10, 60L, true, "a", "x", 10)), v);
  }
}
