package io.historylane.testdata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a generated history to a folder: {@code debezium/topics/...} (the Avro archive) and
 * {@code paimon/} (a Paimon warehouse with database {@code cdc}). The committed sample under
 * test-data/samples was made with the defaults ({@code --scale 0.5 --seed 42}); benchmarks use larger scales.
 *
 * <pre>GenerateSample --out DIR [--scale N] [--seed N] [--no-paimon]</pre>
 */
public final class GenerateSample {
  private GenerateSample() {}

  public static void main(String[] args) throws Exception {
    Path out = null;
    HistoryGenerator.Settings settings = HistoryGenerator.Settings.sample();
    boolean paimon = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--scale" -> settings = settings.withScale(Double.parseDouble(args[++i]));
        case "--seed" -> settings = settings.withSeed(Long.parseLong(args[++i]));
        case "--no-paimon" -> paimon = false;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: GenerateSample --out DIR [--scale N] [--seed N] [--no-paimon]");
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("usage: GenerateSample --out DIR [--scale N] [--seed N] [--no-paimon]");
    }
    DomainHistory history = new HistoryGenerator(settings).generate();
    deleteTree(out.resolve("debezium"));
    DebeziumArchiveWriter.Written written = DebeziumArchiveWriter.write(history, out.resolve("debezium").resolve("topics"));
    System.out.printf("archive: %d files, %d records, %d bytes%n", written.files(), written.records(), written.bytes());
    if (paimon) {
      deleteTree(out.resolve("paimon"));
      try (SparkSession spark = SparkSession.builder().master("local[2]").appName("generate-sample")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.extensions", "org.apache.paimon.spark.extensions.PaimonSparkSessionExtensions")
          .config("spark.sql.catalog.gen", "org.apache.paimon.spark.SparkCatalog")
          .config("spark.sql.catalog.gen.warehouse", "file:" + out.resolve("paimon").toAbsolutePath())
          .getOrCreate()) {
        Map<String, Integer> commits = PaimonHistoryWriter.write(spark, "gen", "cdc", history, SampleDomain.ALL,
            Duration.ofDays(14).toMillis());
        System.out.println("paimon commits per table: " + commits);
      }
    }
  }

  static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
