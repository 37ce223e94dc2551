package io.historylane.core.config;

import io.historylane.core.error.BadInputException;

/**
 * A configuration problem, always reported as one line naming the file, the key, what is wrong
 * and what to do: {@code conf/historylane.yaml: tables.sales.keys: missing. Fix: name the ...}.
 */
public final class ConfigException extends BadInputException {
  private final String file;
  private final String key;

  public ConfigException(String file, String key, String problem, String fix) {
    super(format(file, key, problem, fix));
    this.file = file;
    this.key = key;
  }

  private static String format(String file, String key, String problem, String fix) {
    StringBuilder line = new StringBuilder(file);
    if (key != null && !key.isEmpty()) {
      line.append(": ").append(key);
    }
    line.append(": ").append(problem);
    if (fix != null && !fix.isEmpty()) {
      line.append(". Fix: ").append(fix);
    }
    return line.toString();
  }

  public String file() {
    return file;
  }

  public String key() {
    return key;
  }
}
