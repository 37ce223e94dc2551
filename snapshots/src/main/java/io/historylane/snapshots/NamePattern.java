package io.historylane.snapshots;

import io.historylane.core.error.BadInputException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name pattern of a series of cuts, filled from each period's first day: {@code {date}}
 * (yyyy-MM-dd), {@code {yyyy}}, {@code {MM}}, {@code {dd}}; {@code eom-{yyyy}-{MM}} names the
 * January cut {@code eom-2025-01}.
 */
final class NamePattern {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

  private final String pattern;

  NamePattern(String pattern) {
    Matcher m = PLACEHOLDER.matcher(pattern);
    while (m.find()) {
      if (!m.group(1).matches("date|yyyy|MM|dd")) {
        throw new BadInputException("--name '" + pattern + "': unknown placeholder {" + m.group(1)
            + "}; use {date}, {yyyy}, {MM} or {dd} (of each period's first day)");
      }
    }
    this.pattern = pattern;
  }

  String format(LocalDate start) {
    String name = pattern.replace("{date}", start.toString())
        .replace("{yyyy}", String.format("%04d", start.getYear()))
        .replace("{MM}", String.format("%02d", start.getMonthValue()))
        .replace("{dd}", String.format("%02d", start.getDayOfMonth()));
    return CutName.require("--name", name);
  }

  @Override
  public String toString() {
    return pattern;
  }
}
