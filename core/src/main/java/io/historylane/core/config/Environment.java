package io.historylane.core.config;

import java.util.Map;
import java.util.Optional;

/** Where configuration reads environment variables; tests pass a map instead of the process env. */
@FunctionalInterface
public interface Environment {
  Optional<String> get(String name);

  static Environment system() {
    return name -> Optional.ofNullable(System.getenv(name));
  }

  static Environment of(Map<String, String> values) {
    return name -> Optional.ofNullable(values.get(name));
  }
}
