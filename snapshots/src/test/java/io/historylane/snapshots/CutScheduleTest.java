package io.historylane.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.core.error.BadInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CutScheduleTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  @Test
  void monthEndsOfAYearAreTwelveCutsAtEachMonthsEndNamedFromItsStart() {
    List<CutPoint> cuts = CutSchedule.series("2025-01-01..2026-01-01", "month", "eom-{yyyy}-{MM}", ZoneId.of("UTC"), NOW);
    assertEquals(12, cuts.size());
    assertEquals(new CutPoint("eom-2025-01", Instant.parse("2025-02-01T00:00:00Z")), cuts.get(0));
    assertEquals(new CutPoint("eom-2025-12", Instant.parse("2026-01-01T00:00:00Z")), cuts.get(11));
  }

  @Test
  void periodsEndInTheConfiguredZone() {
    List<CutPoint> cuts = CutSchedule.series("2025-03-01..2025-03-03", "day", "d-{date}", ZoneId.of("Europe/Berlin"), NOW);
    assertEquals(List.of(new CutPoint("d-2025-03-01", Instant.parse("2025-03-01T23:00:00Z")),
        new CutPoint("d-2025-03-02", Instant.parse("2025-03-02T23:00:00Z"))), cuts);
  }

  @Test
  void weeksAreCalendarWeeksClippedToTheRange() {
    List<CutPoint> cuts = CutSchedule.series("2025-01-01..2025-01-15", "week", "w-{date}", ZoneId.of("UTC"), NOW);
    assertEquals(List.of("w-2025-01-01", "w-2025-01-06", "w-2025-01-13"), cuts.stream().map(CutPoint::name).toList());
    assertEquals(Instant.parse("2025-01-06T00:00:00Z"), cuts.get(0).asOf());
    assertEquals(Instant.parse("2025-01-15T00:00:00Z"), cuts.get(2).asOf());
  }

  @Test
  void aPatternThatNamesTwoCutsAlikeIsRefusedNamingTheName() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> CutSchedule.series("2025-01-01..2025-02-01", "day", "eom-{yyyy}-{MM}", ZoneId.of("UTC"), NOW));
    assertTrue(e.getMessage().contains("same name eom-2025-01"), e.getMessage());
  }

  @Test
  void unknownPlaceholdersPeriodsAndRangesAreRefusedWithTheFix() {
    assertTrue(assertThrows(BadInputException.class,
        () -> CutSchedule.series("2025-01-01..2025-02-01", "month", "eom-{mm}", ZoneId.of("UTC"), NOW))
        .getMessage().contains("unknown placeholder {mm}"));
    assertTrue(assertThrows(BadInputException.class,
        () -> CutSchedule.series("2025-01-01..2025-02-01", "quarter", "q-{date}", ZoneId.of("UTC"), NOW))
        .getMessage().contains("write day, week or month"));
    assertTrue(assertThrows(BadInputException.class,
        () -> CutSchedule.series("2025-01-01-2025-02-01", "month", "m-{date}", ZoneId.of("UTC"), NOW))
        .getMessage().contains("is not FROM..TO"));
  }

  @Test
  void anInstantInTheFutureIsRefusedForSingleCutsAndSeries() {
    assertTrue(assertThrows(BadInputException.class,
        () -> CutSchedule.single("later", Instant.parse("2026-12-01T00:00:00Z"), NOW)).getMessage().contains("in the future"));
    BadInputException e = assertThrows(BadInputException.class,
        () -> CutSchedule.series("2026-10-01..2027-01-01", "month", "m-{yyyy}-{MM}", ZoneId.of("UTC"), NOW));
    assertTrue(e.getMessage().contains("the period starting 2026-11-01"), e.getMessage());
  }

  @Test
  void namesThatSqlOrTheFormatsCannotTakeAreRefused() {
    assertThrows(BadInputException.class, () -> CutSchedule.single("eom 2025", Instant.EPOCH, NOW));
    assertThrows(BadInputException.class, () -> CutSchedule.single("x'; DROP", Instant.EPOCH, NOW));
    assertTrue(assertThrows(BadInputException.class, () -> CutSchedule.single("202501", Instant.EPOCH, NOW))
        .getMessage().contains("all digits"));
    assertEquals("eom-2025.01_a", CutSchedule.single("eom-2025.01_a", Instant.EPOCH, NOW).get(0).name());
  }
}
