package io.historylane.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.core.error.BadInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DateRangeTest {
  private static LocalDate d(String s) {
    return LocalDate.parse(s);
  }

  @Test
  void isHalfOpen() {
    DateRange jan = DateRange.parse("2025-01-01", "2025-02-01");
    assertEquals(31, jan.days());
    assertTrue(jan.contains(d("2025-01-01")));
    assertTrue(jan.contains(d("2025-01-31")));
    assertFalse(jan.contains(d("2025-02-01")));
    assertFalse(jan.overlaps(DateRange.parse("2025-02-01", "2025-03-01")));
    assertEquals("[2025-01-01, 2025-02-01)", jan.toString());
  }

  @Test
  void badInputNamesTheOptionAndTheFix() {
    BadInputException reversed = assertThrows(BadInputException.class, () -> DateRange.parse("2025-02-01", "2025-01-01"));
    assertTrue(reversed.getMessage().contains("--from must be before --to"), reversed.getMessage());
    BadInputException empty = assertThrows(BadInputException.class, () -> DateRange.parse("2025-02-01", "2025-02-01"));
    assertTrue(empty.getMessage().contains("one day is --from 2025-02-01 --to 2025-02-02"), empty.getMessage());
    BadInputException malformed = assertThrows(BadInputException.class, () -> DateRange.parse("2025-13-01", "2025-02-01"));
    assertEquals("--from '2025-13-01' is not a date: write YYYY-MM-DD, e.g. 2025-01-31", malformed.getMessage());
    assertThrows(BadInputException.class, () -> DateRange.parse("2025-02-30", "2025-03-01"));
    assertThrows(BadInputException.class, () -> DateRange.parse("2025-01-01", "01/02/2025"));
  }

  @Test
  void chunksAreCalendarAlignedAndCoverTheRangeExactly() {
    DateRange range = DateRange.parse("2025-01-03", "2025-02-10");
    List<DateRange> weeks = range.chunks(Chunking.WEEK);
    assertEquals(DateRange.parse("2025-01-03", "2025-01-06"), weeks.get(0));
    assertEquals(DateRange.parse("2025-01-06", "2025-01-13"), weeks.get(1));
    assertEquals(range.to(), weeks.get(weeks.size() - 1).to());
    List<DateRange> months = range.chunks(Chunking.MONTH);
    assertEquals(List.of(DateRange.parse("2025-01-03", "2025-02-01"), DateRange.parse("2025-02-01", "2025-02-10")), months);
    // the same day lands in the same 7-day chunk whatever range it was asked in
    DateRange a = DateRange.parse("2025-01-01", "2025-03-01").chunks(Chunking.parse("7d")).stream()
        .filter(c -> c.contains(d("2025-01-20"))).findFirst().orElseThrow();
    DateRange b = DateRange.parse("2025-01-15", "2025-01-25").chunks(Chunking.parse("7d")).stream()
        .filter(c -> c.contains(d("2025-01-20"))).findFirst().orElseThrow();
    assertTrue(a.from().compareTo(b.from()) <= 0 && a.to().equals(b.to()) || a.equals(b), a + " vs " + b);
    long covered = range.chunks(Chunking.parse("3d")).stream().mapToLong(DateRange::days).sum();
    assertEquals(range.days(), covered);
  }

  @Test
  void chunkingAndDurationsParseHumanForms() {
    assertEquals(new Chunking(7, java.time.temporal.ChronoUnit.DAYS), Chunking.parse("7d"));
    assertEquals(Chunking.MONTH, Chunking.parse("month"));
    assertEquals(new Chunking(3, java.time.temporal.ChronoUnit.MONTHS), Chunking.parse("3 months"));
    assertThrows(IllegalArgumentException.class, () -> Chunking.parse("7 fortnights"));
    assertEquals(Duration.ofDays(30), Durations.parse("30d"));
    assertEquals(Duration.ofMinutes(90), Durations.parse("90m"));
    assertEquals("90m", Durations.format(Duration.ofMinutes(90)));
    assertEquals(Duration.ofHours(1), Durations.parse("PT1H"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"));
  }

  @Test
  void instantsFollowTheZone() {
    DateRange day = DateRange.ofDay(d("2025-03-30"));
    ZoneId warsaw = ZoneId.of("Europe/Warsaw");
    assertEquals(Instant.parse("2025-03-29T23:00:00Z"), day.startInstant(warsaw));
    // the DST switch makes this day 23 hours long
    assertEquals(Instant.parse("2025-03-30T22:00:00Z"), day.endInstant(warsaw));
  }
}
