package io.historylane.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.historylane.app.cli.CliContext;
import io.historylane.app.cli.HistorylaneCommand;
import io.historylane.app.cli.RunCommand;
import io.historylane.core.config.Environment;
import io.historylane.testkit.TestLake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.ParseResult;

/**
 * The other half of the Airflow DAGs' contract: every golden argv file the DAG tests render
 * (scheduler/airflow-dags/tests/golden, one per DAG task and sample run) goes through the real
 * picocli command line and the real preflight, with the config and prod overlay the sample
 * deployment names. A DAG that submits an option the CLI does not have, a table the config does
 * not register or a fact table to `backfill dims` fails here.
 */
class GoldenArgvTest {
  private static final Path GOLDEN = TestLake.repoRoot().resolve("scheduler/airflow-dags/tests/golden");

  @TempDir static Path work;
  private static Environment prod;

  /** What the prod overlay reads from the job's environment (where Airflow's worker provides it). */
  @BeforeAll
  static void prodEnvironment() throws IOException {
    Path password = Files.writeString(work.resolve("starrocks-password"), "not-a-real-secret\n");
    prod = Environment.of(Map.of(
        "ICEBERG_REST_URI", "http://iceberg-rest:8181",
        "LAKE_BUCKET", "lake",
        "CDC_ARCHIVE_BUCKET", "cdc-archive",
        "STARROCKS_URL", "jdbc:mysql://starrocks-fe:9030/",
        "STARROCKS_PASSWORD_FILE", password.toString(),
        "HISTORYLANE_REPORTS", work.resolve("reports").toString()));
  }

  record Golden(String name, List<String> args, String expect) {
    static Golden read(Path file) {
      try {
        JsonNode document = new ObjectMapper().readTree(file.toFile());
        List<String> args = new ArrayList<>();
        document.get("application_args").forEach(a -> args.add(a.textValue()));
        return new Golden(file.getFileName().toString(), args, document.get("expect").textValue());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * The argv as the job runs it in the sample deployment: --conf names conf/historylane.yaml
     * relative to the job's working directory, which here is the repository root.
     */
    String[] asRunFromRepositoryRoot() {
      List<String> resolved = new ArrayList<>(args);
      int conf = resolved.indexOf("--conf");
      resolved.set(conf + 1, TestLake.repoRoot().resolve(resolved.get(conf + 1)).toString());
      return resolved.toArray(String[]::new);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Golden> goldens() throws IOException {
    try (Stream<Path> files = Files.list(GOLDEN)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().map(Golden::read).toList().stream();
    }
  }

  static Stream<Golden> badInputGoldens() throws IOException {
    return goldens().filter(g -> g.expect().equals("bad-input"));
  }

  @Test
  void theGoldenFilesCoverValidRunsAndARunTheCliMustReject() throws IOException {
    List<String> expectations = goldens().map(Golden::expect).distinct().sorted().toList();
    assertEquals(List.of("bad-input", "handover"), expectations, "golden files in " + GOLDEN);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void everyGoldenArgvParsesToACommandThatRuns(Golden golden) {
    ParseResult parsed = HistorylaneCommand.commandLine(context(new Streams(), false))
        .parseArgs(golden.args().toArray(String[]::new));
    while (parsed.hasSubcommand()) {
      parsed = parsed.subcommand();
    }
    assertInstanceOf(RunCommand.class, parsed.commandSpec().userObject(), "a command group, not a command: " + golden);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void preflightHandsOverValidRunsAndRejectsTheBadOneWithExit2(Golden golden) {
    Streams streams = new Streams();
    int code = Main.run(golden.asRunFromRepositoryRoot(), context(streams, true));
    if (golden.expect().equals("handover")) {
      assertEquals(Main.HANDOVER, code, streams.err());
    } else {
      assertEquals(2, code, streams.err());
      assertTrue(streams.err().contains("--from must be before --to"), streams.err());
    }
  }

  /** Under spark-submit (how Airflow runs it) there is no preflight JVM: the command itself stops first. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputGoldens")
  void aBadRangeFromAManualTriggerExits2BeforeASparkSessionExists(Golden golden) {
    Streams streams = new Streams();
    int code = Main.run(golden.asRunFromRepositoryRoot(), context(streams, false));
    assertEquals(2, code, streams.err());
    assertTrue(streams.err().contains("--from must be before --to"), streams.err());
    assertTrue(SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty(),
        "a SparkSession was started for a run that was bad input");
    assertFalse(Files.exists(work.resolve("reports")), "a report was written for a run that never started");
  }

  private static CliContext context(Streams streams, boolean preflight) {
    return new CliContext(streams.out, streams.err, prod, preflight);
  }

  private static final class Streams {
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    String err() {
      return errBytes.toString(StandardCharsets.UTF_8);
    }
  }
}
