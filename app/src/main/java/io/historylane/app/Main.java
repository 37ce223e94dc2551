package io.historylane.app;

import io.historylane.app.cli.CliContext;
import io.historylane.app.cli.HistorylaneCommand;
import io.historylane.core.config.Environment;
import java.io.PrintStream;

/**
 * The historylane command line: {@code historylane <command>}, as run by {@code bin/historylane},
 * by spark-submit ({@code --class io.historylane.app.Main}) and by Airflow.
 *
 * <p>bin/historylane first runs this class in a plain JVM with {@code HISTORYLANE_PREFLIGHT=1}: it
 * parses and validates the command line and the config, answers every command that needs no Spark
 * (help, usage errors, config, refresh), and exits with {@link #HANDOVER} for a Spark command,
 * which bin/historylane then runs through spark-submit. Bad input so fails in well under a second.
 */
public final class Main {
  /** Exit code of a preflight run whose command needs Spark: arguments are valid, hand over. */
  public static final int HANDOVER = 100;

  private Main() {}

  public static void main(String[] args) {
    boolean preflight = "1".equals(System.getenv("HISTORYLANE_PREFLIGHT"));
    int code = run(args, new CliContext(System.out, System.err, Environment.system(), preflight));
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code (tests call this in-process). */
  public static int run(String[] args, CliContext context) {
    return HistorylaneCommand.commandLine(context).execute(args);
  }

  /** Convenience for tests: run with the given streams and environment, never preflight. */
  public static int run(String[] args, PrintStream out, PrintStream err, Environment env) {
    return run(args, new CliContext(out, err, env, false));
  }
}
