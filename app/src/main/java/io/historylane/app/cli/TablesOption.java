package io.historylane.app.cli;

import io.historylane.core.config.HistorylaneConfig;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --tables sales,dim_*}: registered tables by name or glob, in registry order. */
public final class TablesOption {
  @Option(names = "--tables", required = true, paramLabel = "NAMES",
      description = "Registered tables, comma-separated; globs allowed (sales,dim_*).")
  String spec;

  public List<String> select(HistorylaneConfig config) {
    return config.selectTables(spec);
  }
}
