package io.historylane.core.time;

import io.historylane.core.error.BadInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A half-open range of days {@code [from, to)}: {@code from} is in it, {@code to} is not, so
 * January is {@code [2025-01-01, 2025-02-01)} and adjacent ranges never overlap.
 */
public record DateRange(LocalDate from, LocalDate to) {
  /** The widest range, used for a full rebuild. */
  public static final DateRange ALL = new DateRange(LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31));

  private static final DateTimeFormatter STRICT_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  public DateRange {
    if (!from.isBefore(to)) {
      throw new BadInputException(
          "the range [" + from + ", " + to + ") is empty: --from must be before --to (to is exclusive;"
              + " one day is --from " + from + " --to " + from.plusDays(1) + ")");
    }
  }

  /** Parses two user-given dates; every failure is a one-line bad-input error naming the option. */
  public static DateRange parse(String from, String to) {
    return new DateRange(parseDate("--from", from), parseDate("--to", to));
  }

  /** Parses {@code YYYY-MM-DD} strictly (no 2025-02-30), naming {@code option} in the error. */
  public static LocalDate parseDate(String option, String text) {
    try {
      return LocalDate.parse(text.trim(), STRICT_DATE);
    } catch (DateTimeParseException e) {
      throw new BadInputException(
          option + " '" + text + "' is not a date: write YYYY-MM-DD, e.g. 2025-01-31");
    }
  }

  public static DateRange ofDay(LocalDate day) {
    return new DateRange(day, day.plusDays(1));
  }

  public boolean isAll() {
    return this.equals(ALL);
  }

  public long days() {
    return ChronoUnit.DAYS.between(from, to);
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(from) && day.isBefore(to);
  }

  public boolean overlaps(DateRange other) {
    return from.isBefore(other.to) && other.from.isBefore(to);
  }

  /** Every day in the range, in order. */
  public List<LocalDate> eachDay() {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  /**
   * Cuts the range at calendar-aligned chunk boundaries; the first and last chunk are clipped to
   * the range. Aligned boundaries mean a rerun over a different range meets the same chunks.
   */
  public List<DateRange> chunks(Chunking chunking) {
    List<DateRange> out = new ArrayList<>();
    LocalDate start = from;
    while (start.isBefore(to)) {
      LocalDate end = chunking.next(chunking.chunkStart(start));
      if (end.isAfter(to)) {
        end = to;
      }
      out.add(new DateRange(start, end));
      start = end;
    }
    return out;
  }

  /** The instant the range starts at, in {@code zone}. */
  public Instant startInstant(ZoneId zone) {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The instant the range ends at (exclusive), in {@code zone}. */
  public Instant endInstant(ZoneId zone) {
    try {
      return to.atStartOfDay(zone).toInstant();
    } catch (DateTimeException e) {
      return Instant.MAX;
    }
  }

  public LocalDateTime startLocal() {
    return from.atStartOfDay();
  }

  public LocalDateTime endLocal() {
    return to.atStartOfDay();
  }

  @Override
  public String toString() {
    return "[" + from + ", " + to + ")";
  }
}
