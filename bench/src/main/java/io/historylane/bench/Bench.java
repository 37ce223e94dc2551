package io.historylane.bench;

import io.historylane.core.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Entry point of {@code bench/run NAME}: runs one benchmark and writes bench/results/NAME.json with
 * its figures, the machine it ran on and the command that made them.
 */
public final class Bench {
  private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();
  static {
    BENCHMARKS.put("facts", new FactsBench());
    BENCHMARKS.put("scd2", new Scd2Bench());
    BENCHMARKS.put("compaction", new CompactionBench());
    BENCHMARKS.put("snapshots", new SnapshotCutBench());
  }

  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !BENCHMARKS.containsKey(args[0])) {
      System.err.println("usage: bench/run NAME [ARGS...]; NAME is one of " + BENCHMARKS.keySet());
      System.exit(2);
    }
    String name = args[0];
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    Path root = Path.of("").toAbsolutePath();
    Path work = root.resolve("bench/work").resolve(name);
    deleteTree(work);
    Files.createDirectories(work);
    BenchContext context = new BenchContext(work, root.resolve("conf/historylane.yaml"));
    Map<String, Object> figures = BENCHMARKS.get(name).run(context, rest);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", name);
    result.put("command", ("bench/run " + String.join(" ", args)).trim());
    result.put("finished_at", Instant.now().toString());
    result.put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB heap, Java " + System.getProperty("java.version"));
    result.putAll(figures);
    Path out = root.resolve("bench/results").resolve(name + ".json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, Json.mapper().writeValueAsString(result) + "\n");
    System.out.println(Json.mapper().writeValueAsString(result));
    System.out.println("written: " + out);
    context.session().close();
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
