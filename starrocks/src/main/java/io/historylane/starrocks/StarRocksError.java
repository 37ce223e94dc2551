package io.historylane.starrocks;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * A failure as StarRocks (or the connection to it) reported it, sorted into what the user should do.
 * Codes differ across StarRocks versions, so texts are matched as well as codes (starrocks.md,
 * "Errors as the client sees them").
 */
public record StarRocksError(Kind kind, int code, String sqlState, String message) {
  public enum Kind {
    /** SQLSTATE 08xxx: refused, dropped or timed out; retried with backoff. */
    CONNECTION,
    /** 1045 / 28000: retrying cannot help. */
    ACCESS_DENIED,
    /** The MV went inactive (its base table was recreated): ALTER MATERIALIZED VIEW .. ACTIVE. */
    INACTIVE_MV,
    /** Unknown catalog, database, table or materialized view. */
    UNKNOWN_OBJECT,
    /** A task run of a refresh ended FAILED, or did not end in time. */
    REFRESH_FAILED,
    OTHER
  }

  private static final Set<Integer> UNKNOWN_CODES = Set.of(5078, 5502, 1051, 1049, 1146);

  public static StarRocksError of(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String text = firstLine(e.getMessage());
    String lower = text.toLowerCase(Locale.ROOT);
    Kind kind;
    if (state.startsWith("08")) {
      kind = Kind.CONNECTION;
    } else if (e.getErrorCode() == 1045 || state.equals("28000")) {
      kind = Kind.ACCESS_DENIED;
    } else if (lower.contains("is not active")) {
      kind = Kind.INACTIVE_MV;
    } else if (UNKNOWN_CODES.contains(e.getErrorCode()) || state.equals("42S02") || state.equals("42602")
        || lower.contains("unknown table") || lower.contains("unknown catalog") || lower.contains("unknown database")
        || lower.contains("can not find materialized view")) {
      kind = Kind.UNKNOWN_OBJECT;
    } else {
      kind = Kind.OTHER;
    }
    return new StarRocksError(kind, e.getErrorCode(), state, text);
  }

  /** A task run that ended FAILED (async mode), with the code and text task_runs gives. */
  public static StarRocksError refreshFailed(String code, String message) {
    int parsed;
    try {
      parsed = code == null ? 0 : Integer.parseInt(code.trim());
    } catch (NumberFormatException e) {
      parsed = 0;
    }
    return new StarRocksError(Kind.REFRESH_FAILED, parsed, null, firstLine(message));
  }

  /** Whether every later statement would fail the same way (nothing more is sent). */
  public boolean stopsTheRun() {
    return kind == Kind.CONNECTION || kind == Kind.ACCESS_DENIED;
  }

  /** What to do about it, one sentence. */
  public String advice(String target) {
    return switch (kind) {
      case CONNECTION -> "StarRocks could not be reached: check starrocks.url and that the FE is up, then run"
          + " `historylane refresh --report` again";
      case ACCESS_DENIED -> "StarRocks refused the login: check starrocks.user and the password its password-env or"
          + " password-file names";
      case INACTIVE_MV -> "re-activate it with ALTER MATERIALIZED VIEW " + target + " ACTIVE, or rerun"
          + " `historylane refresh --report ... --activate`";
      case UNKNOWN_OBJECT -> "check the StarRocks names in the config (tables.<name>.starrocks: catalog, database, table,"
          + " materialized-views) against SHOW CATALOGS / SHOW TABLES";
      case REFRESH_FAILED -> "see information_schema.task_runs for " + target + "; fix the cause and run"
          + " `historylane refresh --report` again";
      case OTHER -> "see the StarRocks FE log; run `historylane refresh --report` again once fixed";
    };
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.strip().lines().findFirst().orElse("");
  }
}
