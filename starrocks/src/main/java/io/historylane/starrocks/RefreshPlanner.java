package io.historylane.starrocks;

import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.config.MaterializedViewConfig;
import io.historylane.core.config.MaterializedViewConfig.Granularity;
import io.historylane.core.config.StarRocksConfig;
import io.historylane.core.config.StarRocksTableConfig;
import io.historylane.core.config.TableConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.report.ChangeKind;
import io.historylane.core.report.ChangeSet;
import io.historylane.core.report.TableChange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Derives the refresh plan from a change set and the config. Every changed table, data or layout,
 * gets one {@code REFRESH EXTERNAL TABLE} (a compaction still moves the snapshot StarRocks caches);
 * only data changes refresh materialized views, because an MV refresh after a compaction-only commit
 * recomputes nothing and can fail on REPLACE snapshots (starrocks.md, "Known traps"). An MV that
 * reads several changed tables is refreshed once, over the union of their days.
 */
public final class RefreshPlanner {
  private final HistorylaneConfig config;
  private final StarRocksConfig starrocks;

  private RefreshPlanner(HistorylaneConfig config) {
    this.config = config;
    this.starrocks = config.starrocks();
    if (starrocks == null) {
      throw new BadInputException("starrocks is not configured: add a starrocks: section (url, user, password-env)"
          + " to the config or the environment overlay");
    }
  }

  public static RefreshPlanner of(HistorylaneConfig config) {
    return new RefreshPlanner(config);
  }

  public RefreshPlan plan(ChangeSet changes) {
    List<RefreshStatement> statements = new ArrayList<>();
    Map<String, MvRefresh> mvs = new LinkedHashMap<>();
    for (TableChange change : changes.changes()) {
      StarRocksTableConfig sr = tableConfig(change.table());
      SqlName external = externalTable(change, sr);
      statements.add(RefreshStatement.externalTable(external));
      if (change.kind() == ChangeKind.DATA && sr != null) {
        for (MaterializedViewConfig mv : sr.materializedViews()) {
          mvs.computeIfAbsent(mv.name(), n -> new MvRefresh(mv, change.table())).add(mv, change, external);
        }
      }
    }
    for (MvRefresh mv : mvs.values()) {
      statements.add(mv.statement(starrocks.mode()));
    }
    return new RefreshPlan(statements);
  }

  private StarRocksTableConfig tableConfig(String table) {
    TableConfig registered = config.tables().get(table);
    return registered == null ? null : registered.starrocks();
  }

  /**
   * The table as StarRocks' external catalog sees it: the configured names, else the catalog for
   * the table's format and the database and table of its lake identifier.
   */
  private SqlName externalTable(TableChange change, StarRocksTableConfig sr) {
    String key = "tables." + change.table() + ".starrocks";
    String catalog = sr != null && sr.catalog() != null ? sr.catalog()
        : "paimon".equals(change.format()) ? starrocks.paimonCatalog() : starrocks.icebergCatalog();
    if (catalog == null) {
      throw new BadInputException(key + ".catalog: not set, and starrocks." + change.format()
          + "-catalog gives no default: name the StarRocks external catalog that serves " + change.identifier());
    }
    String[] lake = change.identifier() == null ? new String[0] : change.identifier().split("\\.", -1);
    String database = sr != null && sr.database() != null ? sr.database() : lake.length == 2 ? lake[0] : null;
    String table = sr != null && sr.table() != null ? sr.table() : lake.length == 2 ? lake[1] : null;
    if (database == null || table == null) {
      throw new BadInputException(key + ": '" + change.identifier() + "' is not database.table: set "
          + key + ".database and .table to the names StarRocks uses");
    }
    return SqlName.of("change set entry " + change.table(), catalog, database, table);
  }

  /** One MV's refresh, collected over every changed table it reads. */
  private static final class MvRefresh {
    private final MaterializedViewConfig mv;
    private final String firstTable;
    private final Set<SqlName> reads = new LinkedHashSet<>();
    private final TreeSet<LocalDate> days = new TreeSet<>();
    private boolean whole;

    MvRefresh(MaterializedViewConfig mv, String firstTable) {
      this.mv = mv;
      this.firstTable = firstTable;
    }

    void add(MaterializedViewConfig seen, TableChange change, SqlName external) {
      if (seen.granularity() != mv.granularity()) {
        throw new BadInputException("materialized view " + mv.name() + " is configured with granularity "
            + mv.granularity().configName() + " under tables." + firstTable + " and " + seen.granularity().configName()
            + " under tables." + change.table() + ": give it the one granularity it is partitioned by");
      }
      reads.add(external);
      whole |= change.wholeTable();
      days.addAll(change.days());
    }

    RefreshStatement statement(StarRocksConfig.Mode mode) {
      boolean partitioned = !whole && mv.granularity() != Granularity.NONE;
      PartitionRange range = partitioned ? PartitionRange.covering(days, mv.granularity()) : null;
      return RefreshStatement.materializedView(SqlName.parse("materialized view", mv.name(), 2, 2),
          range, new ArrayList<>(reads), mode);
    }
  }
}
