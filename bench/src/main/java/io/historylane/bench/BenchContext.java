package io.historylane.bench;

import io.historylane.core.config.ConfigLoader;
import io.historylane.core.config.Environment;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.session.LakehouseSession;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a benchmark works with: a folder of its own, the project's config pointed at it (a local
 * warehouse, no services), one SparkSession, and a timer that keeps the best of several runs.
 */
public final class BenchContext {
  private static final Logger LOG = LoggerFactory.getLogger(BenchContext.class);

  private final Path work;
  private final LoadedConfig loaded;
  private final LakehouseSession session;

  BenchContext(Path work, Path conf) {
    this.work = work;
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("HISTORYLANE_WAREHOUSE", work.resolve("warehouse").toString());
    env.put("HISTORYLANE_REPORTS", work.resolve("reports").toString());
    this.loaded = new ConfigLoader(Environment.of(env)).load(conf, "local");
    this.session = LakehouseSession.open(loaded, "historylane-bench");
  }

  public Path work() {
    return work;
  }

  public LoadedConfig loaded() {
    return loaded;
  }

  public LakehouseSession session() {
    return session;
  }

  /** Runs {@code body} and returns its wall time in milliseconds, logging it under {@code label}. */
  public long time(String label, Runnable body) {
    long start = System.nanoTime();
    body.run();
    long ms = (System.nanoTime() - start) / 1_000_000;
    LOG.info("bench: {} took {} ms", label, ms);
    return ms;
  }

  /** Runs {@code body} and returns its result with the wall time. */
  public <T> Timed<T> timed(String label, Supplier<T> body) {
    long start = System.nanoTime();
    T result = body.get();
    long ms = (System.nanoTime() - start) / 1_000_000;
    LOG.info("bench: {} took {} ms", label, ms);
    return new Timed<>(result, ms);
  }

  /** A result and how long it took. */
  public record Timed<T>(T value, long millis) {}
}
