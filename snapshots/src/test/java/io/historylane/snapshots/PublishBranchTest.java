package io.historylane.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.core.error.BadInputException;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.lake.WapBranch;
import java.time.LocalDate;
import java.util.List;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

/** The publish step of write-audit-publish, as on-call runs it after looking at a branch. */
class PublishBranchTest {

  @Test
  void aDryRunChecksAndTellsTheDaysThenPublishFastForwardsMainAndRemovesTheBranch() {
    LakeTables lake = LakeTables.register("snap-pb", List.of("pb_facts: {kind: table, iceberg: snap_pb.facts}",
        "pb_cdc: {kind: table, paimon: snap_pb.cdc}"));
    lake.spark().sql("CREATE NAMESPACE IF NOT EXISTS lake.snap_pb");
    lake.spark().sql("CREATE TABLE lake.snap_pb.facts (id BIGINT, ts TIMESTAMP_NTZ) USING iceberg PARTITIONED BY (days(ts))");
    lake.spark().sql("INSERT INTO lake.snap_pb.facts VALUES (1, TIMESTAMP_NTZ '2025-01-01 09:00:00')");
    Table facts = lake.session().icebergTable("snap_pb.facts");
    long mainBefore = facts.currentSnapshot().snapshotId();
    WapBranch.ensure(facts, "wap_20250105_20250108");
    String branch = WapBranch.sparkIdentifier("lake", "snap_pb.facts", "wap_20250105_20250108");
    lake.spark().sql("INSERT INTO " + branch + " VALUES (2, TIMESTAMP_NTZ '2025-01-05 10:00:00')");
    lake.spark().sql("INSERT INTO " + branch + " VALUES (3, TIMESTAMP_NTZ '2025-01-07 23:59:00')");

    PublishResult planned = lake.actions().publish().table("pb_facts").branch("wap_20250105_20250108").dryRun(true)
        .execute();
    assertEquals(2, planned.commits());
    assertEquals(List.of(LocalDate.parse("2025-01-05"), LocalDate.parse("2025-01-07")), planned.days());
    facts.refresh();
    assertEquals(mainBefore, facts.currentSnapshot().snapshotId(), "a dry run publishes nothing");
    assertTrue(facts.refs().containsKey("wap_20250105_20250108"));

    PublishResult published = lake.actions().publish().table("pb_facts").branch("wap_20250105_20250108").execute();
    facts.refresh();
    assertEquals(published.mainAfter(), facts.currentSnapshot().snapshotId());
    assertEquals(mainBefore, published.mainBefore());
    assertFalse(facts.refs().containsKey("wap_20250105_20250108"), "the branch is gone once published");
    assertEquals(3, lake.spark().sql("SELECT * FROM lake.snap_pb.facts").count());

    assertTrue(assertThrows(RunFailedException.class,
        () -> lake.actions().publish().table("pb_facts").branch("wap_20250105_20250108").execute())
        .getMessage().contains("does not exist"));
    assertTrue(assertThrows(BadInputException.class,
        () -> lake.actions().publish().table("pb_cdc").branch("b").execute()).getMessage().contains("Paimon"));
  }

  @Test
  void aBranchBehindMainIsNotPublishedAndStaysForInspection() {
    LakeTables lake = LakeTables.register("snap-pc", List.of("pc_dim: {kind: table, iceberg: snap_pc.dim}"));
    lake.createIceberg("snap_pc.dim");
    lake.write("pc_dim", 1, "main");
    Table dim = lake.session().icebergTable("snap_pc.dim");
    WapBranch.ensure(dim, "wap_fix");
    lake.spark().sql("INSERT INTO " + WapBranch.sparkIdentifier("lake", "snap_pc.dim", "wap_fix") + " VALUES (2, 'fix')");
    PublishResult planned = lake.actions().publish().table("pc_dim").branch("wap_fix").dryRun(true).execute();
    assertTrue(planned.days().isEmpty(), "an unpartitioned table changes as a whole");
    lake.write("pc_dim", 3, "a concurrent write to main");
    dim.refresh();
    long main = dim.currentSnapshot().snapshotId();

    RunFailedException e = assertThrows(RunFailedException.class,
        () -> lake.actions().publish().table("pc_dim").branch("wap_fix").dryRun(true).execute());
    assertTrue(e.getMessage().contains("main has commits the branch does not"), e.getMessage());
    assertThrows(RunFailedException.class, () -> lake.actions().publish().table("pc_dim").branch("wap_fix").execute());
    dim.refresh();
    assertEquals(main, dim.currentSnapshot().snapshotId(), "main is untouched");
    assertTrue(dim.refs().containsKey("wap_fix"), "the branch stays for inspection");
  }
}
