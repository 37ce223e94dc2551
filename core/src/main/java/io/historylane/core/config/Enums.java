package io.historylane.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses config enum values written in lower kebab case ({@code audit-log}), listing the choices on error. */
final class Enums {
  private Enums() {}

  static <E extends Enum<E>> E parse(Class<E> type, String text) {
    String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E value : type.getEnumConstants()) {
      if (value.name().equals(wanted)) {
        return value;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not one of "
        + Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
            .collect(Collectors.joining(", ")));
  }
}
