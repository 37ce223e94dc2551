package io.historylane.core.config;

import java.util.regex.Pattern;

/**
 * Names that historylane splices into SQL (table, column, namespace names) must be plain
 * identifiers. Checking them when the config is read keeps quoting mistakes and injection out of
 * every statement built later.
 */
public final class Identifiers {
  private static final Pattern SIMPLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Identifiers() {}

  public static boolean isSimple(String name) {
    return name != null && SIMPLE.matcher(name).matches();
  }

  static String requireSimple(String name, String key) {
    if (!isSimple(name)) {
      throw new ConfigProblem(key, "'" + name + "' is not a plain identifier",
          "use letters, digits and underscores only, starting with a letter or underscore");
    }
    return name;
  }

  /** Checks a dotted name such as {@code history.sales}: {@code parts} plain identifiers. */
  static String requireQualified(String name, String key, int minParts, int maxParts, String example) {
    String[] parts = name == null ? new String[0] : name.split("\\.", -1);
    boolean ok = parts.length >= minParts && parts.length <= maxParts;
    for (String part : parts) {
      ok &= isSimple(part);
    }
    if (!ok) {
      throw new ConfigProblem(key, "'" + name + "' is not a valid name",
          "write it as " + example + " (letters, digits and underscores, separated by dots)");
    }
    return name;
  }
}
