package io.historylane.testdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed archives benchmarks run on are real Debezium archives with the sample's realism:
 * every record in the folder of its arrival day, after its commit, files in arrival order, LSNs in
 * commit order, the initial snapshot first, duplicates and late files; and the dimension's change
 * day changes exactly the keys it was asked to.
 */
class StreamedArchivesTest {
  private static final long DAY = 86_400_000L;

  @TempDir Path dir;

  /** One archive record: where it is and what it says. */
  record Rec(Path file, String op, long key, long lsn, long txId, long commitMs, long arrivalMs, String snapshot,
      GenericRecord before, GenericRecord after) {}

  @Test
  void streamedSalesAreADebeziumArchiveWithTheSamplesRealism() throws IOException {
    HistoryGenerator.Settings settings = HistoryGenerator.Settings.sample().withScale(0.3).withSeed(11);
    DebeziumArchiveWriter.Written written = new HistoryGenerator(settings).streamSales(dir.resolve("a"));
    List<Rec> records = read(dir.resolve("a"), "sale_id");
    assertEquals(written.records(), records.size());
    assertEquals(Set.of("r", "c", "u", "d", "t", "m"), ops(records));
    assertIsAnArchive(records);

    List<Rec> reads = records.stream().filter(r -> r.op().equals("r")).toList();
    assertTrue(reads.stream().allMatch(r -> r.lsn() == Wal.SNAPSHOT_LSN), "reads share the snapshot's LSN");
    Set<Rec> duplicates = duplicates(records);
    assertEquals(1, reads.stream().filter(r -> !duplicates.contains(r) && "last".equals(r.snapshot())).count());
    assertTrue(records.stream().anyMatch(r -> r.after() != null && r.after().getSchema().getField("tip") != null)
        && records.stream().anyMatch(r -> r.after() != null && r.after().getSchema().getField("tip") == null),
        "files before and after the tip column was added");
    assertTrue(records.stream().filter(r -> r.op().equals("d")).allMatch(r -> r.before() != null
        && Objects.equals(r.before().get("sale_id"), r.key()) && r.after() == null), "a delete carries its key");

    new HistoryGenerator(settings).streamSales(dir.resolve("b"));
    List<Path> a = avroFiles(dir.resolve("a"));
    List<Path> b = avroFiles(dir.resolve("b"));
    assertEquals(a.stream().map(p -> dir.resolve("a").relativize(p)).toList(), b.stream().map(p -> dir.resolve("b").relativize(p)).toList());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), "deterministic from the seed");
    }
  }

  @Test
  void theDimensionHasAboutThreeVersionsPerKeyAndItsChangeDayChangesExactlyTheGivenKeys() throws IOException {
    DimensionHistoryStream.Settings settings = new DimensionHistoryStream.Settings(5, 3000, LocalDate.of(2025, 1, 1), 20, 3.5, 200);
    TableDef table = DimensionHistoryStream.employeesNamed("employees_small");
    DimensionHistoryStream.Written written = new DimensionHistoryStream(settings, table).write(dir);
    List<Rec> records = read(dir, "employee_id");
    assertEquals(written.archive().records(), records.size());
    assertEquals(LocalDate.of(2025, 1, 21), written.changeDay());
    assertIsAnArchive(records);
    assertEquals(3000, records.stream().filter(r -> r.op().equals("r")).map(Rec::key).distinct().count(), "every key is read");

    long changeDayStart = written.changeDay().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    Set<Long> changedThatDay = new HashSet<>();
    for (Rec r : records) {
      assertTrue(r.commitMs() < changeDayStart + DAY, "nothing commits after the change day");
      if (r.commitMs() >= changeDayStart) {
        changedThatDay.add(r.key());
      }
    }
    assertEquals(200, changedThatDay.size());

    Map<Long, List<Rec>> byKey = new HashMap<>();
    Set<Rec> duplicates = duplicates(records);
    records.stream().filter(r -> !duplicates.contains(r)).forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
    assertTrue(byKey.values().stream().anyMatch(l -> l.stream().anyMatch(d -> d.op().equals("d")
        && l.stream().anyMatch(c -> c.op().equals("c") && c.txId() == d.txId()))), "a delete and re-insert in one transaction");
    assertTrue(byKey.values().stream().anyMatch(l -> l.stream().anyMatch(d -> d.op().equals("d")
        && l.stream().anyMatch(c -> c.op().equals("c") && c.commitMs() > d.commitMs() + 7 * DAY))), "a leaver hired back");
    double versions = byKey.values().stream().mapToInt(StreamedArchivesTest::versions).average().orElse(0);
    assertTrue(versions > 2.5 && versions < 3.5, "about three versions per key: " + versions);
  }

  /** Versions of one key: its last state per commit time opens one when alive and its tracked columns differ. */
  private static int versions(List<Rec> events) {
    Map<Long, Rec> lastPerCommit = new HashMap<>();
    for (Rec r : events) {
      lastPerCommit.merge(r.commitMs(), r, (x, y) -> y.lsn() > x.lsn() ? y : x);
    }
    List<Rec> states = lastPerCommit.values().stream().sorted(Comparator.comparingLong(Rec::commitMs)).toList();
    int versions = 0;
    List<Object> open = null;
    for (Rec s : states) {
      if (s.after() == null) {
        open = null;
        continue;
      }
      List<Object> tracked = List.of(s.after().get("role").toString(), s.after().get("commission_rate"), s.after().get("provider_id"));
      if (!tracked.equals(open)) {
        versions++;
        open = tracked;
      }
    }
    return versions;
  }

  /** Every record in its arrival day's folder after it committed, files in arrival order, LSNs in commit order. */
  private static void assertIsAnArchive(List<Rec> records) {
    Map<Path, Long> lastArrival = new HashMap<>();
    for (Rec r : records) {
      LocalDate arrivalDay = Instant.ofEpochMilli(r.arrivalMs()).atZone(ZoneOffset.UTC).toLocalDate();
      assertTrue(r.file().toString().contains(TopicArchiveWriter.folder(r.arrivalMs())), r.file() + " holds a record of " + arrivalDay);
      assertTrue(r.arrivalMs() >= r.commitMs(), "arrives after it commits");
      assertTrue(r.arrivalMs() >= lastArrival.getOrDefault(r.file(), Long.MIN_VALUE), "a file is in arrival order");
      lastArrival.put(r.file(), r.arrivalMs());
    }
    List<Rec> streamed = records.stream().filter(r -> !r.op().equals("r")).sorted(Comparator.comparingLong(Rec::lsn)).toList();
    for (int i = 1; i < streamed.size(); i++) {
      assertTrue(streamed.get(i).commitMs() >= streamed.get(i - 1).commitMs(), "LSNs follow commit order");
    }
    assertTrue(!duplicates(records).isEmpty(), "duplicate deliveries");
    assertTrue(records.stream().anyMatch(r -> r.arrivalMs() - r.commitMs() > DAY), "late files");
  }

  /** Second deliveries of changes delivered earlier (at-least-once duplicates). */
  private static Set<Rec> duplicates(List<Rec> all) {
    Map<String, Rec> first = new HashMap<>();
    Set<Rec> out = new HashSet<>();
    for (Rec r : all.stream().sorted(Comparator.comparingLong(Rec::arrivalMs)).toList()) {
      if (first.putIfAbsent(r.lsn() + "/" + r.key() + "/" + r.op(), r) != null) {
        out.add(r);
      }
    }
    return out;
  }

  private static Set<String> ops(List<Rec> records) {
    Set<String> out = new HashSet<>();
    records.forEach(r -> out.add(r.op()));
    return out;
  }

  private static List<Rec> read(Path root, String key) throws IOException {
    List<Rec> out = new ArrayList<>();
    for (Path file : avroFiles(root)) {
      try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
        for (GenericRecord e : reader) {
          GenericRecord before = (GenericRecord) e.get("before");
          GenericRecord after = (GenericRecord) e.get("after");
          GenericRecord source = (GenericRecord) e.get("source");
          GenericRecord image = after != null ? after : before;
          out.add(new Rec(file, e.get("op").toString(), image == null ? 0 : (Long) image.get(key), (Long) source.get("lsn"),
              (Long) source.get("txId"), (Long) source.get("ts_ms"), (Long) e.get("ts_ms"),
              String.valueOf(source.get("snapshot")), before, after));
        }
      }
    }
    return out;
  }

  private static List<Path> avroFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".avro")).sorted().toList();
    }
  }
}
