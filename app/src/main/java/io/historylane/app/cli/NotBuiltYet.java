package io.historylane.app.cli;

import io.historylane.core.error.RunFailedException;

/** Marks a command whose capability is still being built in this session; none may remain at release. */
final class NotBuiltYet {
  private NotBuiltYet() {}

  static RunFailedException of(String command) {
    return new RunFailedException(command + " is not built yet");
  }
}
