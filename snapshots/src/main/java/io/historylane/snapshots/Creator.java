package io.historylane.snapshots;

import io.historylane.core.config.Environment;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who made a cut, for the manifest: {@code HISTORYLANE_CREATOR}, else {@code user@host}. */
public final class Creator {
  public static final String VARIABLE = "HISTORYLANE_CREATOR";

  private Creator() {}

  public static String of(Environment env) {
    return env.get(VARIABLE).filter(s -> !s.isBlank()).orElseGet(() -> System.getProperty("user.name") + "@" + host());
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
