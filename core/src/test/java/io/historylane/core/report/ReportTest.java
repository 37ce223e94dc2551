package io.historylane.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.core.config.SecretRedactor;
import io.historylane.core.error.ExitCode;
import io.historylane.core.error.RunFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir Path dir;

  @Test
  void aReportRoundTripsAndHoldsNoSecret() throws Exception {
    SecretRedactor redactor = new SecretRedactor();
    redactor.add("hunter2-secret");
    RunRecorder recorder = new RunRecorder(RunRecorder.newRunId("backfill facts"), "backfill facts",
        List.of("--table", "sales", "--note", "pw=hunter2-secret"), "local", "0.1.0", redactor);
    recorder.table(new TableReport("sales", "history.sales", "iceberg", null, 42L, List.of("2025-01-01"),
        Map.of("rows_written", 10L), Map.of()));
    recorder.change(new ChangeSet(List.of(new TableChange("sales", "history.sales", "iceberg", ChangeKind.DATA,
        List.of(LocalDate.parse("2025-01-01")), 42L))));
    assertThrowsAndRecords(recorder);
    RunReport report = recorder.finish(Outcome.FAILED, ExitCode.FAILED,
        new RunFailedException("server said no to hunter2-secret"));
    Path file = dir.resolve(report.runId() + ".json");
    report.write(file);
    String json = Files.readString(file);
    assertFalse(json.contains("hunter2-secret"), json);
    assertTrue(json.contains("\"rows_written\" : 10"), json);
    assertTrue(json.contains("\"snapshot_after\" : 42"), json);
    RunReport back = RunReport.read(file);
    assertEquals(report.runId(), back.runId());
    assertEquals(report.changeSet(), back.changeSet());
    assertEquals(1, back.exitCode());
    assertEquals("failed", back.steps().get(0).outcome());
    assertTrue(report.runId().matches("\\d{8}T\\d{6}Z-backfill-facts-[0-9a-f]{6}"), report.runId());
  }

  private static void assertThrowsAndRecords(RunRecorder recorder) {
    try {
      recorder.step("write", () -> {
        throw new RunFailedException("commit conflict");
      });
    } catch (RunFailedException expected) {
      return;
    }
    throw new AssertionError("step did not rethrow");
  }

  @Test
  void changeSetsMergePerTable() {
    LocalDate d1 = LocalDate.parse("2025-01-01");
    LocalDate d2 = LocalDate.parse("2025-01-02");
    ChangeSet layout = new ChangeSet(List.of(new TableChange("sales", "h.s", "iceberg", ChangeKind.LAYOUT, List.of(d2), 2L)));
    ChangeSet data = new ChangeSet(List.of(new TableChange("sales", "h.s", "iceberg", ChangeKind.DATA, List.of(d1), 1L)));
    TableChange merged = data.plus(layout).changes().get(0);
    assertEquals(ChangeKind.DATA, merged.kind());
    assertEquals(List.of(d1, d2), merged.days());
    assertEquals(2L, merged.snapshotId());
    TableChange dim = data.plus(new TableChange("sales", "h.s", "iceberg", ChangeKind.DATA, List.of(), 3L)).changes().get(0);
    assertTrue(dim.wholeTable());
  }
}
