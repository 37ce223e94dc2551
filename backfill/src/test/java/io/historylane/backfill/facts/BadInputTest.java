package io.historylane.backfill.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.backfill.testing.HandWrittenArchive;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;
import io.historylane.testdata.ColumnDef;
import io.historylane.testdata.ColumnType;
import io.historylane.testdata.TableDef;
import io.historylane.testkit.TestLake;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input stops a backfill before anything is committed, naming the file (and LSN and key);
 * with --skip-bad-records it is quarantined and counted, and above the threshold the run still fails.
 */
class BadInputTest {
  private static final DateRange RANGE = DateRange.parse("2025-01-01", "2025-01-03");
  private static LakehouseSession session;
  private static TestLake lake;

  private static TableDef table(String name) {
    return new TableDef(name, "sale_id", List.of(
        ColumnDef.required("sale_id", ColumnType.BIGINT),
        ColumnDef.optional("sold_at", ColumnType.TIMESTAMP),
        ColumnDef.required("amount", ColumnType.MONEY)), false, List.of());
  }

  private static Map<String, Object> sale(long id, LocalDateTime at) {
    Map<String, Object> row = new HashMap<>();
    row.put("sale_id", id);
    row.put("sold_at", at);
    row.put("amount", new BigDecimal("10.00"));
    return row;
  }

  @BeforeAll
  static void archive() throws Exception {
    lake = TestLake.get();
    Path root = Files.createTempDirectory("bad-archive");
    LocalDateTime day = LocalDateTime.parse("2025-01-01T10:00:00");
    long t = 1735725600000L;
    StringBuilder overlay = new StringBuilder("tables:\n");
    for (String scenario : List.of("corrupt", "damaged", "nullkey", "unknownop", "nullevent")) {
      TableDef table = table("bad_" + scenario);
      HandWrittenArchive good = new HandWrittenArchive(table)
          .change("c", null, sale(1, day), 100, t).change("c", null, sale(2, day.plusHours(1)), 101, t + 1000);
      good.write(root, "2025-01-01", table.topic() + "+0+0000000000.avro");
      HandWrittenArchive bad = new HandWrittenArchive(table);
      switch (scenario) {
        case "corrupt" -> HandWrittenArchive.writeGarbage(root, table, "2025-01-01", table.topic() + "+1+0000000000.avro");
        case "damaged" -> bad.change("c", null, sale(3, day), 102, t + 2000).change("c", null, sale(4, day), 103, t + 3000)
            .change("c", null, sale(5, day), 104, t + 4000)
            .writeWithDamagedLastBlock(root, "2025-01-01", table.topic() + "+1+0000000000.avro");
        case "nullkey" -> bad.change("d", null, null, 102, t + 2000); // a delete without its key (REPLICA IDENTITY NOTHING)
        case "unknownop" -> bad.change("x", null, sale(3, day), 102, t + 2000);
        default -> bad.change("c", null, sale(3, null), 102, t + 2000);
      }
      if (!scenario.equals("corrupt") && !scenario.equals("damaged")) {
        bad.write(root, "2025-01-01", table.topic() + "+1+0000000000.avro");
      }
      overlay.append("  bad_").append(scenario).append(": {kind: fact, iceberg: badinput.").append(scenario)
          .append(", source: {debezium: {topic: ").append(table.topic()).append("}}, keys: [sale_id],")
          .append(" event-time: sold_at, max-bad-records: 1}\n");
    }
    lake.upload(root, "s3a://lake/archive/topics");
    lake.overlay("bad-input", overlay.toString());
    LoadedConfig loaded = lake.load("minio,bad-input");
    session = LakehouseSession.open(loaded, "bad-input");
  }

  @ParameterizedTest
  @CsvSource({
    "corrupt, is not a readable Avro file",
    "damaged, could not be read",
    "nullkey, null key (sale_id)",
    "unknownop, unknown op code 'x'",
    "nullevent, null sold_at"})
  void badInputStopsTheRunOrIsQuarantined(String scenario, String reason) {
    String name = "bad_" + scenario;
    BadInputException stop = assertThrows(BadInputException.class,
        () -> FactBackfill.in(session).table(name).range(RANGE).runId("bad-1").execute());
    assertTrue(stop.getMessage().contains(reason), stop.getMessage());
    assertTrue(stop.getMessage().contains("pg.public." + name + "+1+0000000000.avro"), "names the file: " + stop.getMessage());
    if (!scenario.equals("corrupt") && !scenario.equals("damaged")) {
      assertTrue(stop.getMessage().contains("lsn 102"), "names the record: " + stop.getMessage());
    }
    assertTrue(stop.getMessage().contains("Nothing was committed") || stop.getMessage().contains("nothing was committed"));
    assertFalse(session.icebergTableExists("badinput." + scenario), "nothing committed, not even the table");

    FactBackfillResult skipped = FactBackfill.in(session).table(name).range(RANGE).skipBadRecords(true).runId("bad-2").execute();
    assertEquals(1, skipped.rejected());
    assertEquals(2L, session.spark().table("lake.badinput." + scenario).count(), "the good records are written");
    Path quarantine = lake.s3().objectFile("lake", "quarantine/" + name + "/bad-2");
    assertTrue(Files.isDirectory(quarantine), "quarantined in " + quarantine);
  }

  @ParameterizedTest
  @CsvSource({"unknownop"})
  void moreBadRecordsThanTheThresholdStillFail(String scenario) throws Exception {
    // a second bad record in another file pushes it past max-bad-records = 1
    TableDef table = table("bad_" + scenario);
    Path root = Files.createTempDirectory("more-bad");
    new HandWrittenArchive(table).change("x", null, sale(4, LocalDateTime.parse("2025-01-02T10:00:00")), 103, 1735812000000L)
        .write(root, "2025-01-02", table.topic() + "+0+0000000010.avro");
    lake.upload(root, "s3a://lake/archive/topics");
    Long before = session.icebergTableExists("badinput." + scenario)
        ? session.icebergTable("badinput." + scenario).currentSnapshot().snapshotId() : null;
    BadInputException over = assertThrows(BadInputException.class, () -> FactBackfill.in(session).table("bad_" + scenario)
        .range(RANGE).skipBadRecords(true).runId("bad-3").execute());
    assertTrue(over.getMessage().contains("exceed tables.bad_" + scenario + ".max-bad-records = 1"), over.getMessage());
    Long after = session.icebergTableExists("badinput." + scenario)
        ? session.icebergTable("badinput." + scenario).currentSnapshot().snapshotId() : null;
    assertEquals(before, after, "nothing committed");
  }
}
