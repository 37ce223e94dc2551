package io.historylane.core.time;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a date range is cut into chunks: a number of days, weeks or months. Weeks and months are
 * calendar-aligned (weeks start on Monday, months on the 1st), so the same date always falls in
 * the same chunk whatever range it was asked for in: a rerun finds the chunks it committed before.
 */
public record Chunking(int amount, ChronoUnit unit) {
  private static final Pattern FORM =
      Pattern.compile("(\\d+)?\\s*(d|day|days|w|week|weeks|mo|month|months)");

  public static final Chunking DAY = new Chunking(1, ChronoUnit.DAYS);
  public static final Chunking WEEK = new Chunking(1, ChronoUnit.WEEKS);
  public static final Chunking MONTH = new Chunking(1, ChronoUnit.MONTHS);

  public Chunking {
    if (amount < 1) {
      throw new IllegalArgumentException("a chunk must be at least 1 " + unit.toString().toLowerCase(Locale.ROOT));
    }
    if (unit != ChronoUnit.DAYS && unit != ChronoUnit.WEEKS && unit != ChronoUnit.MONTHS) {
      throw new IllegalArgumentException("chunks are days, weeks or months");
    }
  }

  @JsonCreator
  public static Chunking parse(String text) {
    Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a chunk size: write e.g. 7d, 1w, 1 month, day, week or month");
    }
    int n = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
    ChronoUnit unit = switch (m.group(2).charAt(0)) {
      case 'd' -> ChronoUnit.DAYS;
      case 'w' -> ChronoUnit.WEEKS;
      default -> ChronoUnit.MONTHS;
    };
    return new Chunking(n, unit);
  }

  /** The start of the chunk that holds {@code date}. Day chunks of n days align to the epoch day. */
  LocalDate chunkStart(LocalDate date) {
    return switch (unit) {
      case DAYS -> LocalDate.ofEpochDay(Math.floorDiv(date.toEpochDay(), amount) * amount);
      case WEEKS -> {
        // weeks since the Monday 1970-01-05, grouped by amount
        long mondayIndex = Math.floorDiv(date.toEpochDay() - 4, 7);
        long group = Math.floorDiv(mondayIndex, amount) * amount;
        yield LocalDate.ofEpochDay(group * 7 + 4);
      }
      default -> {
        long monthIndex = date.getYear() * 12L + date.getMonthValue() - 1;
        long group = Math.floorDiv(monthIndex, amount) * amount;
        yield LocalDate.of((int) Math.floorDiv(group, 12), (int) Math.floorMod(group, 12) + 1, 1);
      }
    };
  }

  LocalDate next(LocalDate chunkStart) {
    return chunkStart.plus(amount, unit);
  }

  @JsonValue
  @Override
  public String toString() {
    String name = switch (unit) {
      case DAYS -> "d";
      case WEEKS -> "w";
      default -> "mo";
    };
    return amount + name;
  }
}
