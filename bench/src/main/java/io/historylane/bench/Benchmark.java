package io.historylane.bench;

import java.util.Map;

/** One benchmark: prepares its data under {@code work}, measures, and returns the figures to record. */
public interface Benchmark {
  /** @return the figures written to bench/results/NAME.json (ratios, rows per second, sizes...) */
  Map<String, Object> run(BenchContext context, String[] args) throws Exception;
}
