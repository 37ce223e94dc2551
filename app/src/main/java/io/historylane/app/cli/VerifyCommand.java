package io.historylane.app.cli;

import io.historylane.core.report.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Check every slowly-changing-dimension invariant on a table.",
      "",
      "Versions ordered by valid_from; valid_from < valid_to; no overlap; no gap except a deletion",
      "period; at most one current version (exactly one unless the key's last event was a delete);",
      "no two adjacent versions equal in all tracked columns. Prints each violation (key and rows);",
      "exit 1 if there is any.",
      ""},
    footer = {"", "Example:", "  historylane verify --table dim_employee"})
final class VerifyCommand extends RunCommand {
  @Option(names = "--table", required = true, paramLabel = "NAME", description = "A registered scd2 table.")
  String table;

  @Override
  protected Outcome execute(RunContext ctx) {
    throw NotBuiltYet.of("verify");
  }
}
