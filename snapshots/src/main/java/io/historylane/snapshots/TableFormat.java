package io.historylane.snapshots;

import java.util.Locale;

/** The two table formats a cut spans. */
public enum TableFormat {
  ICEBERG, PAIMON;

  /** As reports and the manifest write it: {@code iceberg}, {@code paimon}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TableFormat parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
