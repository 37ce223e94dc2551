package io.historylane.testdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.testkit.TestLake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed sample is exactly what the generator writes: tests may compare against either. */
class SampleMatchesGeneratorTest {
  private static final Path SAMPLE = TestLake.repoRoot().resolve("test-data/samples/debezium/topics");

  @TempDir Path dir;

  @Test
  void theCommittedArchiveIsByteForByteTheGeneratorsOutput() throws IOException {
    DomainHistory history = HistoryGenerator.sample();
    DebeziumArchiveWriter.Written written = DebeziumArchiveWriter.write(history, dir);
    List<Path> generated = avroFiles(dir);
    List<Path> committed = avroFiles(SAMPLE);
    assertEquals(committed.stream().map(p -> SAMPLE.relativize(p).toString()).toList(),
        generated.stream().map(p -> dir.relativize(p).toString()).toList(),
        "regenerate test-data/samples (see its README)");
    for (int i = 0; i < generated.size(); i++) {
      assertArrayEquals(Files.readAllBytes(committed.get(i)), Files.readAllBytes(generated.get(i)),
          "differs: " + committed.get(i) + " (regenerate test-data/samples, see its README)");
    }
    assertEquals(history.totalDelivered(), written.records());
  }

  @Test
  void theHistoryHasEveryCaseTheBackfillsMustHandle() {
    DomainHistory history = HistoryGenerator.sample();
    List<ChangeEvent> sales = history.events("sales");
    assertTrue(sales.stream().anyMatch(e -> e.op() == 'r'), "snapshot reads");
    assertTrue(sales.stream().anyMatch(e -> e.op() == 'd'), "deletes");
    assertTrue(sales.stream().anyMatch(e -> e.op() == 't'), "a truncate");
    assertTrue(sales.stream().anyMatch(e -> e.op() == 'm'), "a message");
    assertTrue(sales.stream().anyMatch(e -> e.schemaVersion() == 1) && sales.stream().anyMatch(e -> e.schemaVersion() == 2),
        "an additive schema change");
    assertTrue(history.delivered("sales").stream().anyMatch(ChangeEvent::redelivery), "duplicate deliveries");
    assertTrue(history.delivered("sales").stream().anyMatch(e -> e.arrivalMillis() - e.commitMillis() > 86_400_000L),
        "late files");
    List<ChangeEvent> employees = history.events("employees");
    assertTrue(employees.stream().anyMatch(e -> e.op() == 'u' && e.lsn() == history.snapshotLsn()),
        "a streamed change at the snapshot's LSN");
    assertTrue(employees.stream().anyMatch(e -> e.op() == 'c' && employees.stream()
        .anyMatch(d -> d.op() == 'd' && d.key() == e.key() && d.txId() == e.txId())), "delete and re-insert in one transaction");
  }

  private static List<Path> avroFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".avro")).sorted().toList();
    }
  }
}
