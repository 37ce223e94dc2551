package io.historylane.compaction.hygiene.quarantine;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Locations compared as storage sees them: {@code s3://b/k}, {@code s3a://b/k} and
 * {@code s3n://b/k} name one object (Iceberg's equal-schemes default, iceberg#4194), and a path
 * minus its scheme is where it goes under the quarantine prefix.
 */
public final class StoragePaths {
  private static final Set<String> S3_SCHEMES = Set.of("s3", "s3a", "s3n");

  private StoragePaths() {}

  /** {@code bucket/key} for an object store, the absolute path minus its slash for {@code file:}. */
  public static String withoutScheme(String location) {
    URI uri = URI.create(location.replace(" ", "%20"));
    String authority = uri.getAuthority() == null ? "" : uri.getAuthority();
    String path = uri.getPath() == null ? "" : uri.getPath();
    String joined = authority.isEmpty() ? path : authority + path;
    while (joined.startsWith("/")) {
      joined = joined.substring(1);
    }
    while (joined.endsWith("/")) {
      joined = joined.substring(0, joined.length() - 1);
    }
    return joined.replace("%20", " ");
  }

  /** The same location with any S3 scheme written as {@code s3a://}, the scheme Hadoop lists with. */
  public static String forHadoop(String location) {
    int colon = location.indexOf("://");
    if (colon > 0 && S3_SCHEMES.contains(location.substring(0, colon).toLowerCase(Locale.ROOT))) {
      return "s3a" + location.substring(colon);
    }
    return location;
  }

  /** Whether {@code location} is {@code prefix} or under it (scheme-equivalent). */
  public static boolean under(String location, String prefix) {
    String l = canonical(location);
    String p = canonical(prefix);
    return l.equals(p) || l.startsWith(p + "/");
  }

  private static String canonical(String location) {
    String hadoop = forHadoop(location);
    int colon = hadoop.indexOf(':');
    String scheme = colon > 0 ? hadoop.substring(0, colon).toLowerCase(Locale.ROOT) : "file";
    return scheme + "|" + withoutScheme(hadoop);
  }
}
