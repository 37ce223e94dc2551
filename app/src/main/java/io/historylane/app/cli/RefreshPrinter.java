package io.historylane.app.cli;

import io.historylane.starrocks.RefreshResult;
import io.historylane.starrocks.StatementOutcome;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints a StarRocks refresh for the person at the terminal: one line per statement, then what is left to do. */
final class RefreshPrinter {
  private RefreshPrinter() {}

  static void print(PrintStream out, RefreshResult result) {
    out.println(result.dryRun() ? "StarRocks (dry run, nothing sent):" : "StarRocks:");
    for (StatementOutcome s : result.statements()) {
      out.printf("  %-9s %6s  %s%n", s.status().name().toLowerCase(Locale.ROOT),
          result.dryRun() ? "" : s.durationMs() + " ms", s.sql());
    }
  }

  /** The statements that did not succeed, each with StarRocks' error and the advice, for stderr. */
  static String unfinished(RefreshResult result) {
    List<StatementOutcome> left = result.unfinished();
    StringBuilder b = new StringBuilder();
    b.append(left.size()).append(" of ").append(result.statements().size()).append(" StarRocks statements did not succeed:");
    for (StatementOutcome s : left) {
      b.append(System.lineSeparator()).append("  ").append(s.status()).append(' ').append(s.sql()).append(": ")
          .append(s.error());
      if (s.advice() != null) {
        b.append(" (").append(s.advice()).append(')');
      }
    }
    return b.toString();
  }
}
