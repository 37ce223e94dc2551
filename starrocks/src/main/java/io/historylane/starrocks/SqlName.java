package io.historylane.starrocks;

import io.historylane.core.config.Identifiers;
import io.historylane.core.error.BadInputException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A dotted StarRocks name ({@code catalog.db.table}, {@code db.mv}) whose every part is a plain
 * identifier, written into SQL only backtick-quoted. Names reach statements from config and from
 * run reports (a file anyone can edit): checking each part here means nothing in them can turn into
 * SQL of its own.
 */
public record SqlName(List<String> parts) {
  public SqlName {
    parts = List.copyOf(parts);
  }

  /**
   * @param what names the name's origin for the error message, e.g. {@code "tables.sales.starrocks.database"}
   */
  public static SqlName of(String what, String... parts) {
    for (String part : parts) {
      if (!Identifiers.isSimple(part)) {
        throw new BadInputException(what + ": '" + part + "' is not a plain identifier: StarRocks names must be"
            + " letters, digits and underscores, starting with a letter or underscore (nothing is sent)");
      }
    }
    return new SqlName(Arrays.asList(parts));
  }

  /** Parses {@code a.b[.c]} with between {@code min} and {@code max} parts. */
  public static SqlName parse(String what, String dotted, int min, int max) {
    String[] parts = dotted == null ? new String[0] : dotted.split("\\.", -1);
    if (parts.length < min || parts.length > max) {
      throw new BadInputException(what + ": '" + dotted + "' must have " + (min == max ? min : min + " to " + max)
          + " dot-separated parts (nothing is sent)");
    }
    return of(what, parts);
  }

  /** The name as SQL: every part in backticks. */
  public String sql() {
    return parts.stream().map(p -> "`" + p + "`").collect(Collectors.joining("."));
  }

  @Override
  public String toString() {
    return String.join(".", parts);
  }
}
