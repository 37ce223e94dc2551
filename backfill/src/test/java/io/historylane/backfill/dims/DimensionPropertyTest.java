package io.historylane.backfill.dims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.backfill.testing.RandomHistories;
import io.historylane.backfill.testing.Scd2Reference;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;
import io.historylane.testdata.DebeziumArchiveWriter;
import io.historylane.testdata.DomainHistory;
import io.historylane.testdata.TableDef;
import io.historylane.testkit.TestLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Random histories, built through random splits of their range in random order, equal an
 * independent reference and satisfy every invariant; a full rebuild gives the same table, and
 * running a range again commits nothing. Trials: -Dscd2.trials (default 3), seed -Dscd2.seed.
 */
class DimensionPropertyTest {
  private static final LocalDate START = LocalDate.of(2025, 1, 1);
  private static final int DAYS = 40;

  @Test
  void randomHistoriesThroughRandomSplitsInRandomOrderEqualTheReference() throws Exception {
    int trials = Integer.getInteger("scd2.trials", 3);
    long seed = Long.getLong("scd2.seed", 20250101L);
    TestLake lake = TestLake.get();
    Path local = Files.createTempDirectory("scd2-histories");
    StringBuilder overlay = new StringBuilder("tables:\n");
    List<DomainHistory> histories = new ArrayList<>();
    for (int t = 0; t < trials; t++) {
      TableDef table = RandomHistories.table("members_" + t);
      DomainHistory history = RandomHistories.generate(table, seed + t, 30,
          START.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(), DAYS);
      histories.add(history);
      DebeziumArchiveWriter.write(history, local, List.of(table));
      for (String suffix : List.of("", "_full")) {
        overlay.append("  members_").append(t).append(suffix).append(":\n")
            .append("    kind: scd2\n")
            .append("    iceberg: scd2_property.members_").append(t).append(suffix).append("\n")
            .append("    source: {debezium: {topic: ").append(table.topic()).append(", late-update-horizon: 3d}}\n")
            .append("    keys: [member_id]\n    tracked: [tier, city]\n    type1: [name, score]\n")
            .append("    ignored: [updated_at]\n");
      }
    }
    lake.upload(local, "s3a://lake/archive/topics");
    lake.overlay("scd2-property", overlay.toString());
    LoadedConfig loaded = lake.load("minio,scd2-property");
    LakehouseSession session = LakehouseSession.open(loaded, "scd2-property");
    Random random = new Random(seed);
    for (int t = 0; t < trials; t++) {
      String name = "members_" + t;
      TableDef table = RandomHistories.table(name);
      List<DateRange> ranges = randomSplits(random);
      Collections.shuffle(ranges, random);
      String context = "trial " + t + " (seed " + (seed + t) + "), ranges in order " + ranges;
      for (DateRange range : ranges) {
        DimensionBackfill.in(session).table(name).range(range).runId("prop-" + t).execute();
      }
      TreeSet<String> expected = Scd2Reference.versions(histories.get(t).events(table.name()), "member_id",
          RandomHistories.TRACKED, RandomHistories.TYPE1, Long.MAX_VALUE);
      assertEquals(expected, rendered(lake, "scd2_property." + name), context);
      VerificationResult verification = DimensionVerifier.verify(lake.spark().table("lake.scd2_property." + name),
          loaded.config().table(name));
      assertTrue(verification.passed(), context + ": " + verification.violations());

      DimensionBackfillResult again = DimensionBackfill.in(session).table(name).range(ranges.get(0)).runId("again").execute();
      assertEquals(again.snapshotBefore(), again.snapshotAfter(), context + ": a rerun committed something: "
          + difference(lake, "scd2_property." + name, again.snapshotBefore(), again.snapshotAfter()));
      assertEquals(0, again.versionsWritten() + again.versionsRemoved(), context);

      DimensionBackfill.in(session).table(name + "_full").runId("full-" + t).execute();
      assertEquals(expected, rendered(lake, "scd2_property." + name + "_full"), context + ": full rebuild");
    }
  }

  /** One to four ranges covering the history exactly, split at random days. */
  private static List<DateRange> randomSplits(Random random) {
    TreeSet<LocalDate> cuts = new TreeSet<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      cuts.add(START.plusDays(1 + random.nextInt(DAYS - 1)));
    }
    List<DateRange> ranges = new ArrayList<>();
    LocalDate from = START.minusDays(1);
    for (LocalDate cut : cuts) {
      ranges.add(new DateRange(from, cut));
      from = cut;
    }
    ranges.add(new DateRange(from, START.plusDays(DAYS + 5)));
    return ranges;
  }

  private static String difference(TestLake lake, String table, Long before, Long after) {
    TreeSet<String> a = rendered(lake.spark().read().option("snapshot-id", before).table("lake." + table).collectAsList());
    TreeSet<String> b = rendered(lake.spark().read().option("snapshot-id", after).table("lake." + table).collectAsList());
    TreeSet<String> gone = new TreeSet<>(a);
    gone.removeAll(b);
    TreeSet<String> added = new TreeSet<>(b);
    added.removeAll(a);
    return "removed " + gone + ", added " + added;
  }

  static TreeSet<String> rendered(TestLake lake, String table) {
    return rendered(lake.spark().table("lake." + table).collectAsList());
  }

  private static TreeSet<String> rendered(List<Row> rows) {
    TreeSet<String> out = new TreeSet<>();
    for (Row r : rows) {
      out.add(Scd2Reference.render(r, "member_id", RandomHistories.TRACKED, RandomHistories.TYPE1));
    }
    return out;
  }
}
