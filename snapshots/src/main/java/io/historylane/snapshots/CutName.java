package io.historylane.snapshots;

import io.historylane.core.error.BadInputException;
import java.util.regex.Pattern;

/**
 * What a cut (and so a tag) may be called. The name becomes an Iceberg ref, a Paimon tag file
 * ({@code tag/tag-<name>}) and a string literal in SQL, so it is kept to a safe alphabet. An
 * all-digit name is refused: {@code VERSION AS OF '123'} means snapshot 123 to Spark and Paimon.
 */
public final class CutName {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private CutName() {}

  /** Returns {@code name} or fails naming {@code option} and the rule. */
  public static String require(String option, String name) {
    if (name == null || !SAFE.matcher(name).matches()) {
      throw new BadInputException(option + " '" + name + "' is not a usable cut name: use letters, digits, '_', '.'"
          + " and '-' (starting with a letter or digit, at most 128), e.g. eom-2025-01");
    }
    if (name.chars().allMatch(Character::isDigit)) {
      throw new BadInputException(option + " '" + name + "' is all digits, which VERSION AS OF reads as a snapshot id:"
          + " give it a word, e.g. cut-" + name);
    }
    return name;
  }
}
