package io.historylane.app.cli;

import io.historylane.core.time.DateRange;
import picocli.CommandLine.Option;

/** {@code --from YYYY-MM-DD --to YYYY-MM-DD}: a half-open range of days, to exclusive. */
public final class RangeOptions {
  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day of the range (included).")
  String from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Day after the range (excluded): January is --from 2025-01-01 --to 2025-02-01.")
  String to;

  public boolean given() {
    return from != null || to != null;
  }

  /** The range; a missing bound, a malformed date or from >= to is a one-line bad-input error. */
  public DateRange range() {
    if (from == null || to == null) {
      throw new io.historylane.core.error.BadInputException(
          "give both --from and --to (YYYY-MM-DD, to exclusive), e.g. --from 2025-01-01 --to 2025-02-01");
    }
    return DateRange.parse(from, to);
  }
}
