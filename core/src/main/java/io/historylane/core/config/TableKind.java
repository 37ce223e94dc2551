package io.historylane.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What historylane does with a registered table. */
public enum TableKind {
  /** A long-term fact table rebuilt by date range from change history ({@code backfill facts}). */
  FACT,
  /** A slowly changing dimension, type 2, rebuilt from change history ({@code backfill dims}). */
  SCD2,
  /** Any other Iceberg or Paimon table (a Paimon CDC table, say): maintained and cut, never backfilled. */
  TABLE;

  @JsonCreator
  public static TableKind parse(String text) {
    return Enums.parse(TableKind.class, text);
  }

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
