package io.historylane.core.time;

import io.historylane.core.error.BadInputException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human durations as written in config and on the command line: {@code 30d}, {@code 12h}, {@code 90s}. */
public final class Durations {
  private static final Pattern HUMAN = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w)");

  private Durations() {}

  /** Parses {@code 500ms, 45s, 15m, 12h, 30d, 2w} or an ISO-8601 duration such as {@code PT1H}. */
  public static Duration parse(String text) {
    String trimmed = text.trim();
    if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
      try {
        return Duration.parse(trimmed.toUpperCase());
      } catch (RuntimeException e) {
        throw invalid(text);
      }
    }
    Matcher m = HUMAN.matcher(trimmed.toLowerCase());
    if (!m.matches()) {
      throw invalid(text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      case "w" -> Duration.ofDays(7 * n);
      default -> throw invalid(text);
    };
  }

  /** A command-line duration option ({@code 30d}, {@code 12h}); a malformed one is a one-line bad-input error. */
  public static Duration parse(String option, String text) {
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(option + " " + e.getMessage());
    }
  }

  /** The shortest exact human form: {@code 30d}, {@code 90m}, {@code 1500ms}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000L == 0) {
      return ms / 86_400_000L + "d";
    } else if (ms % 3_600_000L == 0) {
      return ms / 3_600_000L + "h";
    } else if (ms % 60_000L == 0) {
      return ms / 60_000L + "m";
    } else if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  /** For people reading a log: {@code 850 ms}, {@code 4.2 s}, {@code 3 min 05 s}, {@code 2 h 10 min}. */
  public static String humanize(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    } else if (ms < 60_000) {
      return String.format("%.1f s", ms / 1000.0);
    } else if (ms < 3_600_000) {
      return String.format("%d min %02d s", ms / 60_000, ms / 1000 % 60);
    }
    return String.format("%d h %02d min", ms / 3_600_000, ms / 60_000 % 60);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "'" + text + "' is not a duration: write a number and a unit, e.g. 30d, 12h, 15m, 90s or 500ms");
  }
}
