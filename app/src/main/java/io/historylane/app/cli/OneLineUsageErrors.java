package io.historylane.app.cli;

import picocli.CommandLine;

/**
 * A usage error is one line naming the problem and where help is, not a page of usage: a
 * scheduler's log shows it whole, and a person sees at once what to fix.
 */
final class OneLineUsageErrors implements CommandLine.IParameterExceptionHandler {
  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    String suggestion = "";
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      suggestion = " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
    }
    cmd.getErr().println(name + ": " + ex.getMessage() + suggestion + " -- see `" + name + " --help`");
    return io.historylane.core.error.ExitCode.BAD_INPUT.code();
  }
}
