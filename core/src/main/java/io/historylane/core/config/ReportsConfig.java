package io.historylane.core.config;

/** Where JSON run reports go: {@code <dir>/<run-id>.json}. */
public record ReportsConfig(String dir) {
  public ReportsConfig {
    dir = dir == null ? "reports" : dir;
  }
}
