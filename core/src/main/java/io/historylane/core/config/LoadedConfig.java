package io.historylane.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A configuration as loaded: the resolved values, which files they came from, and the redactor
 * that knows every secret read while loading.
 */
public record LoadedConfig(HistorylaneConfig config, String env, List<Path> files, SecretRedactor redactor) {
  public LoadedConfig {
    files = List.copyOf(files);
  }
}
