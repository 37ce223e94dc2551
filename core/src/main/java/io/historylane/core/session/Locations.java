package io.historylane.core.session;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Config locations are URIs ({@code s3://lake/warehouse}) or local paths; local paths are made
 * absolute against the working directory so Spark executors and catalogs agree on them.
 */
public final class Locations {
  private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

  private Locations() {}

  public static boolean isLocal(String location) {
    return !HAS_SCHEME.matcher(location).matches() || location.startsWith("file:");
  }

  /** {@code warehouse/iceberg} becomes {@code file:/abs/warehouse/iceberg}; URIs are kept, minus a trailing slash. */
  public static String normalize(String location) {
    String out;
    if (!HAS_SCHEME.matcher(location).matches()) {
      out = "file:" + Path.of(location).toAbsolutePath().normalize();
    } else {
      out = location;
    }
    while (out.endsWith("/") && !out.endsWith("://")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  /** The local path of a {@code file:} or plain location. */
  public static Path localPath(String location) {
    String normalized = normalize(location);
    return Path.of(URI.create(normalized.startsWith("file://") ? normalized : "file://" + normalized.substring(5)));
  }

  /** {@code base/child} with exactly one slash between them. */
  public static String join(String base, String child) {
    String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    String c = child.startsWith("/") ? child.substring(1) : child;
    return b + "/" + c;
  }
}
