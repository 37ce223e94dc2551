package io.historylane.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(
    name = "historylane",
    mixinStandardHelpOptions = true,
    versionProvider = HistorylaneCommand.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Spark batch jobs for the lakehouse's historical lane:",
      "  change history (Debezium Avro archive, Paimon CDC)",
      "    -> backfill into Iceberg -> change set",
      "    -> compaction and snapshot cuts -> StarRocks refresh",
      "",
      "Every command that changes something has --dry-run, writes a JSON run report",
      "(reports/<run-id>.json) and can be re-run safely.",
      ""
    },
    commandListHeading = "%nCommands:%n",
    footerHeading = "%n",
    footer = {
      "Exit codes:",
      "  0  ok (or planned, with --dry-run)",
      "  1  the run failed; nothing was committed by the failing step; safe to retry",
      "  2  usage error or bad input (arguments, config, source data): fix it, do not retry",
      "  3  data committed but a follow-up step (the StarRocks refresh) failed:",
      "     run `historylane refresh --report <report>` to finish it",
      "",
      "Examples:",
      "  historylane demo",
      "  historylane backfill facts --table sales --from 2025-01-01 --to 2025-02-01 --dry-run",
      "  historylane --env minio config show",
      "",
      "Config: conf/historylane.yaml plus conf/env/<env>.yaml (--env, default local)."
    },
    subcommands = {
      DemoCommand.class,
      BackfillCommand.class,
      VerifyCommand.class,
      CompactCommand.class,
      HygieneCommand.class,
      SnapshotCommand.class,
      RefreshCommand.class,
      ViewsCommand.class,
      RepairCommand.class,
      ConfigCommand.class,
      CommandLine.HelpCommand.class
    })
public final class HistorylaneCommand implements Runnable {
  @Option(names = "--conf", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Config file (default: conf/historylane.yaml).")
  String conf;

  @Option(names = "--env", scope = ScopeType.INHERIT, paramLabel = "ENV",
      description = "Environment overlay conf/env/ENV.yaml: local (default), minio, prod; several: minio,ci.")
  String env;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final CliContext context;

  HistorylaneCommand(CliContext context) {
    this.context = context;
  }

  CliContext context() {
    return context;
  }

  @Override
  public void run() {
    // `historylane` alone teaches: print the usage
    spec.commandLine().usage(context.out());
  }

  /** The configured command line: our streams, our exit codes, one-line usage errors. */
  public static CommandLine commandLine(CliContext context) {
    CommandLine cli = new CommandLine(new HistorylaneCommand(context));
    cli.setOut(new PrintWriter(context.out(), true));
    cli.setErr(new PrintWriter(context.err(), true));
    // picocli's own defaults already match ours: 2 for invalid input, 1 for an execution failure
    cli.setParameterExceptionHandler(new OneLineUsageErrors());
    cli.setExecutionExceptionHandler(new FailureReporter());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"historylane " + version(), "Spark 3.5, Iceberg 1.12, Paimon 0.9"};
    }
  }

  public static String version() {
    try (InputStream in = HistorylaneCommand.class.getResourceAsStream("/io/historylane/app/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
