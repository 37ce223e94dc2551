package io.historylane.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The timed runs of one side of a benchmark: the best (shortest) run counts. */
final class TimedRuns<T> {
  private final List<BenchContext.Timed<T>> runs = new ArrayList<>();

  void add(BenchContext.Timed<T> run) {
    runs.add(run);
  }

  BenchContext.Timed<T> best() {
    return runs.stream().min(Comparator.comparingLong(BenchContext.Timed::millis)).orElseThrow();
  }

  /** Every run's wall time in milliseconds, in the order they ran. */
  List<Long> millis() {
    return runs.stream().map(BenchContext.Timed::millis).toList();
  }

  /** The least CPU time of any run: the figure other processes on the machine disturb least. */
  long leastCpuMillis() {
    return runs.stream().mapToLong(BenchContext.Timed::cpuMillis).min().orElseThrow();
  }

  /**
   * The best run's seconds, every run's seconds and CPU seconds, and the best run's Spark jobs and
   * seconds per step, then {@code more}.
   */
  Map<String, Object> figures(Map<String, Object> more) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("seconds", seconds(best().millis()));
    out.put("seconds_runs", runs.stream().map(r -> seconds(r.millis())).toList());
    out.put("cpu_seconds_runs", runs.stream().map(r -> seconds(r.cpuMillis())).toList());
    out.put("spark_jobs", best().sparkJobs());
    Map<String, Double> steps = new LinkedHashMap<>();
    best().steps().forEach((step, ms) -> steps.put(step, seconds(ms)));
    out.put("steps_seconds", steps);
    out.putAll(more);
    return out;
  }

  /** Rows per second of the best run. */
  long perSecond(long rows) {
    return Math.round(rows * 1000.0 / best().millis());
  }

  static double seconds(long millis) {
    return Math.round(millis / 10.0) / 100.0;
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
