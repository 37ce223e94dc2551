package io.historylane.core.config;

/**
 * Thrown by config records when a value is missing or wrong. The loader adds the file and the
 * key path of the record, so a record only names its own key relative to itself.
 */
public final class ConfigProblem extends IllegalArgumentException {
  private final String key;
  private final String fix;

  public ConfigProblem(String key, String problem, String fix) {
    super(problem);
    this.key = key;
    this.fix = fix;
  }

  public String key() {
    return key;
  }

  public String fix() {
    return fix;
  }

  /** Fails with a "missing" problem when {@code value} is null or blank. */
  public static <T> T require(T value, String key, String fix) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new ConfigProblem(key, "missing", fix);
    }
    return value;
  }
}
