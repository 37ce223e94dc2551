package io.historylane.core.time;

import io.historylane.core.error.BadInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Points in time given on the command line ({@code --as-of}). */
public final class Timestamps {
  private Timestamps() {}

  /**
   * Parses {@code 2025-01-31T23:59:59Z} (an instant), {@code 2025-01-31T23:59:59+01:00},
   * {@code 2025-01-31 23:59:59} or {@code 2025-01-31T23:59:59} (wall clock in {@code zone}), or
   * {@code 2025-01-31} (the start of that day in {@code zone}).
   */
  public static Instant parse(String option, String text, ZoneId zone) {
    String t = text.trim();
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(zone).toInstant();
      }
      String iso = t.replace(' ', 'T');
      if (iso.endsWith("Z") || iso.matches(".*[+-]\\d{2}:\\d{2}$")) {
        return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      }
      return LocalDateTime.parse(iso).atZone(zone).toInstant();
    } catch (DateTimeException e) {
      throw new BadInputException(option + " '" + text + "' is not a point in time: write 2025-01-31T23:59:59Z,"
          + " 2025-01-31 23:59:59 (in the configured time zone, " + zone + ") or 2025-01-31");
    }
  }
}
