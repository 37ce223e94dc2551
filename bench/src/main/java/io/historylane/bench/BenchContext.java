package io.historylane.bench;

import io.historylane.core.config.ConfigLoader;
import io.historylane.core.config.Environment;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.session.LakehouseSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a benchmark works with: a folder of its own, the project's config pointed at it (a local
 * warehouse, no services), one SparkSession, and a timer that records each run's wall time and the
 * Spark jobs it ran.
 */
public final class BenchContext {
  private static final Logger LOG = LoggerFactory.getLogger(BenchContext.class);
  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  private final Path work;
  private final Path conf;
  private final Environment env;
  private final LoadedConfig loaded;
  private final LakehouseSession session;
  private final SparkJobLog jobs;

  BenchContext(Path work, Path conf) {
    this.work = work;
    this.conf = conf;
    Map<String, String> vars = new HashMap<>(System.getenv());
    vars.put("HISTORYLANE_WAREHOUSE", work.resolve("warehouse").toString());
    vars.put("HISTORYLANE_REPORTS", work.resolve("reports").toString());
    this.env = Environment.of(vars);
    this.loaded = new ConfigLoader(env).load(conf, "local");
    this.session = LakehouseSession.open(loaded, "historylane-bench");
    this.jobs = SparkJobLog.attach(session.spark().sparkContext());
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

  /**
   * The project's config with an overlay of the benchmark's own on top ({@code --env local,NAME}):
   * the config is copied to {@code work/conf/} and the overlay written beside it as
   * {@code env/NAME.yaml}, where it stays as the record of what was measured. The session joins
   * the one running.
   */
  public LakehouseSession withOverlay(String name, String yaml) {
    Path dir = work.resolve("conf");
    try {
      Files.createDirectories(dir.resolve("env"));
      Files.copy(conf, dir.resolve(conf.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Path local = conf.toAbsolutePath().getParent().resolve("env/local.yaml");
      if (Files.isRegularFile(local)) {
        Files.copy(local, dir.resolve("env/local.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(dir.resolve("env").resolve(name + ".yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bench config under " + dir, e);
    }
    return LakehouseSession.open(new ConfigLoader(env).load(dir.resolve(conf.getFileName()), "local," + name),
        "historylane-bench");
  }

  /** Runs {@code body} and returns its wall time in milliseconds, logging it under {@code label}. */
  public long time(String label, Runnable body) {
    return timed(label, () -> {
      body.run();
      return null;
    }).millis();
  }

  /** Runs {@code body} and returns its result with the wall time and the Spark jobs it ran. */
  public <T> Timed<T> timed(String label, Supplier<T> body) {
    int mark = jobs.mark();
    long cpuStart = CPU.getProcessCpuTime();
    long start = System.nanoTime();
    T result = body.get();
    long ms = (System.nanoTime() - start) / 1_000_000;
    long cpuMs = (CPU.getProcessCpuTime() - cpuStart) / 1_000_000;
    List<SparkJobLog.Job> ran = jobs.since(mark);
    Map<String, Long> steps = SparkJobLog.byStep(ran);
    LOG.info("bench: {} took {} ms ({} ms of CPU) in {} Spark jobs", label, ms, cpuMs, ran.size());
    steps.forEach((step, stepMs) -> LOG.info("bench:   {} ms  {}", stepMs, step));
    return new Timed<>(result, ms, cpuMs, ran.size(), steps);
  }

  /**
   * A result, how long it took, and the Spark jobs it ran.
   *
   * @param cpuMillis CPU time of the whole process meanwhile (all threads): unlike wall time, hardly
   *     moved by other processes competing for the cores
   * @param steps wall time of the jobs per step (job description), in the order steps first ran
   */
  public record Timed<T>(T value, long millis, long cpuMillis, int sparkJobs, Map<String, Long> steps) {}
}
