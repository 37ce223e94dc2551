package io.historylane.snapshots;

import io.historylane.core.error.BadInputException;
import io.historylane.core.time.Chunking;
import io.historylane.core.time.DateRange;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cuts one command makes: a single named instant, or a series with one cut at the end of
 * every period of a range (in the configured zone), named from a pattern. A cut can only hold what
 * was already committed, so an instant in the future is refused, and so is a pattern that would
 * give two cuts one name.
 */
public final class CutSchedule {
  private CutSchedule() {}

  /** One cut named {@code name} at {@code asOf}. */
  public static List<CutPoint> single(String name, Instant asOf, Instant now) {
    if (asOf.isAfter(now)) {
      throw new BadInputException("--as-of " + asOf + " is in the future (now is " + now
          + "): a cut holds what was committed; cut at or before now");
    }
    return List.of(new CutPoint(CutName.require("--name", name), asOf));
  }

  /**
   * One cut per period of {@code rangeText} ({@code FROM..TO}, TO exclusive) at the instant the
   * period ends, named from {@code pattern} filled with the period's first day. Periods are
   * calendar-aligned (weeks start on Monday, months on the 1st) and clipped to the range.
   */
  public static List<CutPoint> series(String rangeText, String every, String pattern, ZoneId zone, Instant now) {
    DateRange range = parseRange(rangeText);
    NamePattern names = new NamePattern(pattern);
    Map<String, CutPoint> byName = new LinkedHashMap<>();
    for (DateRange period : range.chunks(period(every))) {
      Instant end = period.endInstant(zone);
      if (end.isAfter(now)) {
        throw new BadInputException("--range " + rangeText + ": the period starting " + period.from() + " ends at " + end
            + ", in the future; end the range at " + period.from() + " or earlier");
      }
      String name = names.format(period.from());
      CutPoint earlier = byName.putIfAbsent(name, new CutPoint(name, end));
      if (earlier != null) {
        throw new BadInputException("--name '" + names + "' gives the cuts at " + earlier.asOf() + " and " + end
            + " the same name " + name + ": add placeholders for every " + every + " (e.g. {date})");
      }
    }
    return new ArrayList<>(byName.values());
  }

  private static DateRange parseRange(String text) {
    String[] parts = text.split("\\.\\.", -1);
    if (parts.length != 2) {
      throw new BadInputException("--range '" + text + "' is not FROM..TO: write e.g. 2025-01-01..2026-01-01 (TO excluded)");
    }
    return new DateRange(DateRange.parseDate("--range FROM", parts[0]), DateRange.parseDate("--range TO", parts[1]));
  }

  private static Chunking period(String every) {
    return switch (every == null ? "" : every.trim().toLowerCase(Locale.ROOT)) {
      case "day" -> Chunking.DAY;
      case "week" -> Chunking.WEEK;
      case "month" -> Chunking.MONTH;
      default -> throw new BadInputException("--every '" + every + "' is not a period: write day, week or month");
    };
  }
}
