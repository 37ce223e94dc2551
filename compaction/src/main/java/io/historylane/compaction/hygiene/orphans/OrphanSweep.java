package io.historylane.compaction.hygiene.orphans;

import io.historylane.compaction.hygiene.quarantine.Quarantine;
import io.historylane.compaction.hygiene.quarantine.StorageFiles;
import io.historylane.compaction.BaseAction;
import io.historylane.core.config.CompactionPolicy;
import io.historylane.core.config.TableConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.session.JobGroup;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.paimon.table.FileStoreTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the orphan files of tables into quarantine, in the style of Iceberg's SparkActions:
 * configure, {@link #execute()}, read the {@link OrphanSweepResult}.
 *
 * <p>Only files older than the minimum age count (an in-flight write looks exactly like an
 * orphan until it commits): the table policy's orphan-min-age, or an explicit one, never under 3
 * days unless the caller says it knows better. Found files are moved, never deleted:
 * {@code <quarantine.dir>/orphans/<run-id>/...} with a manifest, to be restored or purged later.
 */
public final class OrphanSweep extends BaseAction<OrphanSweep> {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanSweep.class);

  private List<String> tables = List.of();
  private Duration minAge;
  private boolean unsafeAge;

  private OrphanSweep(LakehouseSession session) {
    super(session);
  }

  @Override
  protected OrphanSweep self() {
    return this;
  }

  public static OrphanSweep in(LakehouseSession session) {
    return new OrphanSweep(session);
  }

  /** Fails unless {@code age} is at least 3 days or {@code unsafe} is given. */
  public static void checkMinAge(Duration age, boolean unsafe) {
    if (age.compareTo(CompactionPolicy.MIN_ORPHAN_AGE) < 0 && !unsafe) {
      throw new BadInputException("--min-age " + Durations.format(age) + " is below the 3-day floor: a write still in"
          + " flight would look orphaned and be moved. Use 3d or more, or add --i-know-orphan-age-is-unsafe");
    }
  }

  public OrphanSweep tables(List<String> names) {
    this.tables = List.copyOf(names);
    return this;
  }

  /** Overrides each table's orphan-min-age (null: use it). */
  public OrphanSweep minAge(Duration age, boolean unsafe) {
    if (age != null) {
      checkMinAge(age, unsafe);
    }
    this.minAge = age;
    this.unsafeAge = unsafe;
    return this;
  }

  public OrphanSweepResult execute() {
    Instant now = clock.instant();
    StorageFiles files = new StorageFiles(session.spark().sparkContext().hadoopConfiguration());
    List<TableOrphans> found = new ArrayList<>();
    List<FileStatus> toMove = new ArrayList<>();
    for (String name : tables) {
      TableConfig config = session.config().table(name);
      Duration age = minAge != null ? minAge : session.config().compactionPolicy(config).orphanMinAge();
      Instant olderThan = now.minus(age);
      List<OrphanFile> orphans = new ArrayList<>();
      String location;
      try (JobGroup g = JobGroup.start(session.spark(), runId, "orphans " + name + ": find files older than "
          + Durations.format(age) + " that nothing references")) {
        List<String> paths;
        if (config.isIceberg()) {
          org.apache.iceberg.Table table = session.icebergTable(config.iceberg());
          location = table.location();
          paths = IcebergOrphans.find(session.spark(), table, olderThan.toEpochMilli());
        } else {
          FileStoreTable table = (FileStoreTable) session.paimonTable(config.paimon());
          location = table.location().toString();
          paths = PaimonOrphans.find(table, olderThan);
        }
        for (String path : paths) {
          for (FileStatus f : statusesUnder(files, path)) {
            // listed once more: a file rewritten since the search is no orphan of that age
            if (f.getModificationTime() < olderThan.toEpochMilli()) {
              orphans.add(new OrphanFile(f.getPath().toString(), f.getLen(), Instant.ofEpochMilli(f.getModificationTime())));
              toMove.add(f);
            }
          }
        }
      }
      if (unsafeAge && age.compareTo(CompactionPolicy.MIN_ORPHAN_AGE) < 0) {
        LOG.warn("orphans {}: minimum age {} is below the 3-day floor (--i-know-orphan-age-is-unsafe)", name,
            Durations.format(age));
      }
      found.add(new TableOrphans(name, config.identifier(), config.isIceberg() ? "iceberg" : "paimon", location, age,
          orphans));
    }
    String quarantined = null;
    if (!dryRun && !toMove.isEmpty()) {
      Quarantine quarantine = new Quarantine(files, session.config().quarantine().dir());
      quarantine.move(Quarantine.ORPHANS, runId, toMove, now);
      quarantined = quarantine.runDir(Quarantine.ORPHANS, runId);
    }
    return new OrphanSweepResult(runId, dryRun, quarantined, found);
  }

  /** The file at {@code path}, or every file under it when it is a folder; none if it is gone. */
  private static List<FileStatus> statusesUnder(StorageFiles files, String path) {
    if (!files.exists(path)) {
      return List.of();
    }
    FileStatus status = files.status(path);
    return status.isDirectory() ? files.files(path) : List.of(status);
  }
}
