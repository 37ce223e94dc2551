package io.historylane.bench;

import java.util.HashMap;
import java.util.Map;

/** A benchmark's {@code --name value} arguments; an unknown or incomplete one stops it with usage. */
final class BenchArgs {
  private final Map<String, String> values = new HashMap<>();

  BenchArgs(String[] args, String... known) {
    for (int i = 0; i < args.length; i++) {
      if (!java.util.List.of(known).contains(args[i]) || i + 1 == args.length) {
        throw new IllegalArgumentException("unknown or incomplete argument " + args[i] + "; takes "
            + String.join(", ", known) + ", each with a value");
      }
      values.put(args[i], args[++i]);
    }
  }

  double number(String name, double otherwise) {
    return values.containsKey(name) ? Double.parseDouble(values.get(name)) : otherwise;
  }

  String text(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }
}
