package io.historylane.app.cli;

import java.util.Locale;

/** Byte sizes for people: {@code 512 B}, {@code 9.1 KiB}, {@code 64.0 MiB}, {@code 1.2 GiB}. */
final class Sizes {
  private Sizes() {}

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
