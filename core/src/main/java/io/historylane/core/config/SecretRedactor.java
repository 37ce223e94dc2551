package io.historylane.core.config;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Knows every secret value this run has read and blanks it out of any text: the arguments stored
 * in a report, an error message, a server's reply. A safety net under {@link SecretValue}, which
 * already never prints itself.
 */
public final class SecretRedactor {
  /** Names that mark a value as secret in free-form maps (catalog properties, Spark settings). */
  public static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|passwd|secret|token|credential|access[-_.]?key|private[-_.]?key).*");
  public static final String MASK = "******";

  private final List<String> secrets = new CopyOnWriteArrayList<>();

  public void add(String secret) {
    // very short values would blank out ordinary words; they are still masked where typed as secrets
    if (secret != null && secret.length() >= 4 && !secrets.contains(secret)) {
      secrets.add(secret);
      secrets.sort(Comparator.comparingInt(String::length).reversed());
    }
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    return out;
  }

  public static boolean looksSecret(String name) {
    return name != null && SECRET_NAME.matcher(name).matches();
  }
}
