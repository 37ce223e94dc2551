package io.historylane.core.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable record of one run, written as JSON for every run, failed ones included.
 * Secrets never reach it: arguments are redacted and secrets are not part of any field.
 *
 * @param arguments the command line as given, secrets masked
 * @param changeSet what this run hands the next step (the StarRocks refresh reads it back)
 * @param details command-specific sections (a dry-run plan, a refresh's statements)
 */
public record RunReport(
    String runId,
    String command,
    List<String> arguments,
    String env,
    String version,
    Instant startedAt,
    Instant finishedAt,
    long durationMs,
    Outcome outcome,
    int exitCode,
    ErrorReport error,
    List<TableReport> tables,
    List<StepReport> steps,
    ChangeSet changeSet,
    Map<String, Object> details) {

  public RunReport {
    arguments = arguments == null ? List.of() : List.copyOf(arguments);
    tables = tables == null ? List.of() : List.copyOf(tables);
    steps = steps == null ? List.of() : List.copyOf(steps);
    changeSet = changeSet == null ? ChangeSet.EMPTY : changeSet;
    details = details == null ? Map.of() : details;
  }

  public static RunReport read(Path file) {
    try {
      return Json.mapper().readValue(Files.readString(file), RunReport.class);
    } catch (NoSuchFileException e) {
      throw new io.historylane.core.error.BadInputException(
          "run report " + file + " does not exist: pass the path printed at the end of the run (reports/<run-id>.json)");
    } catch (IOException e) {
      throw new io.historylane.core.error.BadInputException(
          "run report " + file + " is not a historylane report: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, Json.mapper().writeValueAsString(this));
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write run report " + file, e);
    }
  }
}
