package io.historylane.starrocks;

import io.historylane.core.config.StarRocksConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.error.RunFailedException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points a versioned StarRocks view at another table version with {@code ALTER VIEW}. The target
 * must exist and return rows (a pointer at an empty or missing table would serve nothing), and the
 * view's previous definition is kept in the result, so the flip can be undone.
 *
 * <pre>
 * ViewFlipResult r = ViewFlip.on(config.starrocks()).view(vw).to(target).execute();
 * </pre>
 */
public final class ViewFlip {
  private static final Logger LOG = LoggerFactory.getLogger(ViewFlip.class);

  private final StarRocksConfig config;
  private SqlName view;
  private SqlName target;
  private boolean dryRun;

  private ViewFlip(StarRocksConfig config) {
    this.config = Objects.requireNonNull(config, "starrocks config");
  }

  public static ViewFlip on(StarRocksConfig config) {
    return new ViewFlip(config);
  }

  /** The view, {@code database.view}. */
  public ViewFlip view(SqlName newView) {
    this.view = newView;
    return this;
  }

  /** The table it should read, {@code [catalog.]database.table}. */
  public ViewFlip to(SqlName newTarget) {
    this.target = newTarget;
    return this;
  }

  public ViewFlip dryRun(boolean newDryRun) {
    this.dryRun = newDryRun;
    return this;
  }

  public ViewFlipResult execute() {
    String check = "SELECT 1 FROM " + target.sql() + " LIMIT 1";
    String show = "SHOW CREATE VIEW " + view.sql();
    String alter = "ALTER VIEW " + view.sql() + " AS SELECT * FROM " + target.sql();
    if (dryRun) {
      return new ViewFlipResult(view.toString(), target.toString(), null, List.of(check, show, alter), true);
    }
    try (StarRocksSession session = new StarRocksSession(config)) {
      List<Map<String, String>> rows = run(() -> session.query(check), "target " + target);
      if (rows.isEmpty()) {
        throw new BadInputException("views flip: target " + target + " returns no rows: backfill it first, or pick"
            + " the version that holds the data (" + view + " is unchanged)");
      }
      List<Map<String, String>> shown = run(() -> session.query(show), "view " + view);
      if (shown.isEmpty()) {
        throw new BadInputException("views flip: StarRocks returned no definition for view " + view);
      }
      String previous = shown.get(0).get("CREATE VIEW");
      LOG.info("StarRocks: {} (was: {})", alter, previous);
      run(() -> session.execute(alter), "view " + view);
      return new ViewFlipResult(view.toString(), target.toString(), previous, List.of(check, show, alter), false);
    }
  }

  /** Unknown names are the user's to fix (exit 2); anything else fails the run (exit 1). */
  private <T> T run(java.util.function.Supplier<T> work, String what) {
    try {
      return work.get();
    } catch (StarRocksException e) {
      StarRocksError error = e.error();
      String message = "views flip: " + what + ": " + error.message() + " (" + view + " is unchanged)";
      if (error.kind() == StarRocksError.Kind.UNKNOWN_OBJECT) {
        throw new BadInputException(message + ": check the name with SHOW TABLES / SHOW CATALOGS");
      }
      throw new RunFailedException(message + ": " + error.advice(view.toString()), e);
    }
  }
}
