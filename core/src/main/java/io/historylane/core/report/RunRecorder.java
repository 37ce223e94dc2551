package io.historylane.core.report;

import io.historylane.core.config.SecretRedactor;
import io.historylane.core.error.ExitCode;
import io.historylane.core.error.HistorylaneException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Collects a run's report while it runs. Steps, tables and change-set entries are added as they
 * complete, so a run that fails half-way still reports what it finished.
 */
public final class RunRecorder {
  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String runId;
  private final String command;
  private final List<String> arguments;
  private final String env;
  private final String version;
  private final Instant startedAt;
  private final SecretRedactor redactor;
  private final List<TableReport> tables = new ArrayList<>();
  private final List<StepReport> steps = new ArrayList<>();
  private final Map<String, Object> details = new LinkedHashMap<>();
  private ChangeSet changeSet = ChangeSet.EMPTY;

  public RunRecorder(String runId, String command, List<String> arguments, String env, String version,
      SecretRedactor redactor) {
    this.runId = runId;
    this.command = command;
    this.redactor = redactor;
    this.arguments = arguments.stream().map(redactor::redact).toList();
    this.env = env;
    this.version = version;
    this.startedAt = Instant.now();
  }

  /** A new run id: sortable by start time, readable, unique: {@code 20250101T020000Z-backfill-facts-1a2b3c}. */
  public static String newRunId(String command) {
    byte[] random = new byte[3];
    RANDOM.nextBytes(random);
    return RUN_ID_TIME.format(Instant.now()) + "-" + command.trim().replaceAll("[^A-Za-z0-9]+", "-")
        + "-" + HexFormat.of().formatHex(random);
  }

  public String runId() {
    return runId;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** Adds what a step did to a table; a run of several steps (a repair) reports a table once per step. */
  public synchronized void table(TableReport report) {
    tables.add(report);
  }

  public synchronized void change(ChangeSet changes) {
    changeSet = changeSet.plus(changes);
  }

  public synchronized ChangeSet changeSet() {
    return changeSet;
  }

  public synchronized void detail(String key, Object value) {
    details.put(key, value);
  }

  /** Runs {@code body} as a named step, recording its time and outcome whether it succeeds or not. */
  public <T> T step(String name, Supplier<T> body) {
    Instant start = Instant.now();
    try {
      T result = body.get();
      addStep(new StepReport(name, start, Duration.between(start, Instant.now()).toMillis(), "succeeded", null));
      return result;
    } catch (Exception e) {
      addStep(new StepReport(name, start, Duration.between(start, Instant.now()).toMillis(), "failed",
          redactor.redact(String.valueOf(e.getMessage()))));
      throw io.historylane.core.error.Unchecked.rethrow(e);
    }
  }

  public synchronized void addStep(StepReport step) {
    steps.add(step);
  }

  public synchronized RunReport finish(Outcome outcome, ExitCode exitCode, Throwable error) {
    Instant end = Instant.now();
    ErrorReport errorReport = null;
    if (error != null) {
      String type = error instanceof HistorylaneException ? error.getClass().getSimpleName() : "InternalError";
      errorReport = new ErrorReport(type, redactor.redact(String.valueOf(error.getMessage())));
    }
    return new RunReport(runId, command, arguments, env, version, startedAt, end,
        Duration.between(startedAt, end).toMillis(), outcome, exitCode.code(), errorReport,
        new ArrayList<>(tables), steps, changeSet, new LinkedHashMap<>(details));
  }
}
