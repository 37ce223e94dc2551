package io.historylane.core.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A credential read from an environment variable or a file. It never prints itself: toString and
 * JSON give only where it came from, so a config dump, a log line or a report cannot leak it.
 */
public final class SecretValue {
  private final String value;
  private final String origin;

  public SecretValue(String value, String origin) {
    this.value = Objects.requireNonNull(value, "value");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /** The secret itself; call only where it is handed to a client library. */
  public String reveal() {
    return value;
  }

  /** Where it was read from, e.g. {@code env STARROCKS_PASSWORD}. */
  public String origin() {
    return origin;
  }

  @JsonValue
  @Override
  public String toString() {
    return "****** (" + origin + ")";
  }
}
