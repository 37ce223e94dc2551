package io.historylane.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A byte size as written in config: {@code 128MB}, {@code 512 MiB}, {@code 1GB}, or plain bytes. Binary units. */
public record DataSize(long bytes) {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?");

  public DataSize {
    if (bytes <= 0) {
      throw new IllegalArgumentException("a size must be positive");
    }
  }

  public static DataSize ofMegabytes(long mb) {
    return new DataSize(mb << 20);
  }

  @JsonCreator
  public static DataSize parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a size: write a number and a unit, e.g. 128MB, 1GB or 64KB");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).substring(0, 1);
    int shift = switch (unit) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      default -> 0;
    };
    return new DataSize(n << shift);
  }

  @JsonValue
  @Override
  public String toString() {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    long n = bytes;
    int i = 0;
    while (i < units.length - 1 && n % 1024 == 0) {
      n /= 1024;
      i++;
    }
    return n + units[i];
  }
}
