package io.historylane.compaction.hygiene.dropped;

import io.historylane.compaction.hygiene.dropped.DroppedPrefix.Status;
import io.historylane.compaction.hygiene.quarantine.Quarantine;
import io.historylane.compaction.hygiene.quarantine.StorageFiles;
import io.historylane.compaction.hygiene.quarantine.StoragePaths;
import io.historylane.compaction.BaseAction;
import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.session.Locations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.table.FileStoreTable;

/**
 * Finds the storage dropped tables left behind (iceberg#14980: a table dropped without purge
 * keeps its files, and nothing sweeps a dead prefix): the table-level prefixes under the Iceberg
 * warehouse ({@code <namespace>/<table>}) and the Paimon warehouse ({@code <db>.db/<table>}) that
 * no table of the catalogs is located at or under. Reports their size; moves them into
 * quarantine ({@code <quarantine.dir>/dropped-tables/<run-id>/...}, restorable) only when asked.
 * A prefix with a file younger than the minimum age is left alone: a table may be being created.
 */
public final class DroppedTables extends BaseAction<DroppedTables> {
  private boolean quarantine;

  private DroppedTables(LakehouseSession session) {
    super(session);
  }

  @Override
  protected DroppedTables self() {
    return this;
  }

  public static DroppedTables in(LakehouseSession session) {
    return new DroppedTables(session);
  }

  /** Move what is found into quarantine (otherwise only report it). */
  public DroppedTables quarantine(boolean move) {
    this.quarantine = move;
    return this;
  }

  public DroppedTablesResult execute() {
    HistorylaneConfig config = session.config();
    StorageFiles files = new StorageFiles(session.spark().sparkContext().hadoopConfiguration());
    Instant now = clock.instant();
    Duration minAge = config.compactionPolicies().get("default").orphanMinAge();
    Quarantine q = new Quarantine(files, config.quarantine().dir());
    List<String> notes = new ArrayList<>();
    List<String> owned = new ArrayList<>(icebergLocations());
    List<Candidate> candidates = new ArrayList<>();
    String icebergWarehouse = config.catalogs().iceberg().warehouse();
    if (icebergWarehouse == null) {
      notes.add("the Iceberg catalog has no warehouse location in the config: its storage was not searched");
    } else {
      candidates.addAll(tablePrefixes(files, Locations.normalize(icebergWarehouse), "", "iceberg"));
    }
    if (config.catalogs().paimon() != null) {
      owned.addAll(paimonLocations(notes));
      candidates.addAll(tablePrefixes(files, Locations.normalize(config.catalogs().paimon().warehouse()), ".db", "paimon"));
    }
    List<DroppedPrefix> found = new ArrayList<>();
    List<FileStatus> toMove = new ArrayList<>();
    List<String> emptied = new ArrayList<>();
    for (Candidate candidate : candidates) {
      String prefix = candidate.prefix();
      if (owned.stream().anyMatch(t -> StoragePaths.under(t, prefix) || StoragePaths.under(prefix, t))
          || StoragePaths.under(q.root(), prefix) || StoragePaths.under(prefix, q.root())) {
        continue;
      }
      List<FileStatus> contents = files.files(prefix);
      if (contents.isEmpty()) {
        continue;
      }
      long bytes = contents.stream().mapToLong(FileStatus::getLen).sum();
      long newest = contents.stream().mapToLong(FileStatus::getModificationTime).max().orElse(0);
      boolean young = newest >= now.minus(minAge).toEpochMilli();
      Status status = young ? Status.TOO_YOUNG : quarantine && !dryRun ? Status.QUARANTINED : Status.REPORTED;
      if (status == Status.QUARANTINED) {
        toMove.addAll(contents);
        emptied.add(prefix);
      }
      found.add(new DroppedPrefix(prefix, candidate.format(), contents.size(), bytes, Instant.ofEpochMilli(newest), status));
    }
    String moved = null;
    if (!toMove.isEmpty()) {
      q.move(Quarantine.DROPPED_TABLES, runId, toMove, now);
      emptied.forEach(prefix -> files.delete(prefix, true));
      moved = q.runDir(Quarantine.DROPPED_TABLES, runId);
    }
    return new DroppedTablesResult(runId, dryRun, moved, found, notes);
  }

  /** A table-level folder of a warehouse, and the format whose warehouse it is in. */
  private record Candidate(String prefix, String format) {}

  /** The folders two levels under {@code warehouse} whose first level ends with {@code suffix}. */
  private static List<Candidate> tablePrefixes(StorageFiles files, String warehouse, String suffix, String format) {
    List<Candidate> prefixes = new ArrayList<>();
    for (FileStatus namespace : files.folders(StoragePaths.forHadoop(warehouse))) {
      if (!namespace.getPath().getName().endsWith(suffix)) {
        continue;
      }
      for (FileStatus table : files.folders(namespace.getPath().toString())) {
        prefixes.add(new Candidate(table.getPath().toString(), format));
      }
    }
    return prefixes;
  }

  private List<String> icebergLocations() {
    Catalog catalog = session.icebergCatalog();
    List<String> locations = new ArrayList<>();
    if (catalog instanceof SupportsNamespaces namespaces) {
      addIcebergLocations(catalog, namespaces, Namespace.empty(), locations);
    }
    return locations;
  }

  private static void addIcebergLocations(Catalog catalog, SupportsNamespaces namespaces, Namespace parent,
      List<String> into) {
    for (Namespace ns : namespaces.listNamespaces(parent)) {
      for (TableIdentifier id : catalog.listTables(ns)) {
        into.add(catalog.loadTable(id).location());
      }
      addIcebergLocations(catalog, namespaces, ns, into);
    }
  }

  /**
   * Every Paimon table's location. A table the catalog lists but cannot load (an unreadable
   * schema) still owns its folder: what the catalog names is never taken for dropped.
   */
  private List<String> paimonLocations(List<String> notes) {
    org.apache.paimon.catalog.Catalog catalog = session.paimonCatalog();
    List<String> locations = new ArrayList<>();
    for (String db : catalog.listDatabases()) {
      List<String> tables;
      try {
        tables = catalog.listTables(db);
      } catch (org.apache.paimon.catalog.Catalog.DatabaseNotExistException e) {
        continue; // dropped while we listed: its storage is exactly what this search is about
      }
      for (String table : tables) {
        Identifier id = Identifier.create(db, table);
        try {
          locations.add(((FileStoreTable) catalog.getTable(id)).location().toString());
        } catch (org.apache.paimon.catalog.Catalog.TableNotExistException e) {
          // dropped while we listed
        } catch (RuntimeException e) {
          locations.add(Locations.join(Locations.normalize(session.config().catalogs().paimon().warehouse()),
              db + ".db/" + table));
          notes.add("Paimon table " + id.getFullName() + " is listed but cannot be loaded (" + e.getMessage()
              + "): its folder is left alone");
        }
      }
    }
    return locations;
  }
}
