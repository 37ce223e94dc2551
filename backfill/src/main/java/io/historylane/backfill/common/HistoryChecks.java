package io.historylane.backfill.common;

import io.historylane.core.config.TableConfig;
import io.historylane.core.error.BadInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a backfill checks in the history before it commits anything: bad records (stop, or with
 * --skip-bad-records quarantine them up to the table's threshold) and truncates (counted and
 * reported: history is kept, but a truncate usually means the source was reloaded).
 */
public final class HistoryChecks {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryChecks.class);

  /** The bad records of a run: how many, and where they were quarantined (null if nowhere). */
  public record Rejected(long count, String quarantine) {
    public static final Rejected NONE = new Rejected(0, null);
  }

  private HistoryChecks() {}

  /**
   * Fails naming the first bad record, or (skipping) quarantines the bad records and the files that
   * could not be read, and fails above the threshold. A dry run quarantines nothing.
   *
   * @param unreadableFiles files left out because they could not be read (only with skip)
   */
  public static Rejected badRecords(ChangeAggregate aggregate, Map<String, String> unreadableFiles, String tableName,
      TableConfig config, boolean skip, boolean dryRun, String quarantineDir, String runId) {
    Dataset<Row> rejects = aggregate.rejects();
    long count = rejects.count() + unreadableFiles.size();
    if (count == 0) {
      return Rejected.NONE;
    }
    Row first = rejects.limit(1).collectAsList().stream().findFirst().orElse(null);
    StringBuilder where = new StringBuilder();
    if (first == null) {
      Map.Entry<String, String> file = unreadableFiles.entrySet().iterator().next();
      where.append("unreadable file ").append(file.getKey()).append(": ").append(file.getValue());
    } else {
      where.append(first.<String>getAs("reason")).append(" (file ").append(first.<String>getAs("file")).append(", lsn ")
          .append((Object) first.getAs("lsn")).append(", op ").append((Object) first.getAs("op"));
      for (String k : config.keys()) {
        where.append(", ").append(k).append(' ').append((Object) first.getAs(k));
      }
      where.append(')');
    }
    if (!skip) {
      throw new BadInputException(count + " bad record" + (count == 1 ? "" : "s") + " in the history of " + tableName
          + "; the first: " + where + ". Nothing was committed. Fix: correct the source, or rerun with"
          + " --skip-bad-records to quarantine them (more than tables." + tableName + ".max-bad-records = "
          + config.maxBadRecords() + " still fails)");
    }
    String location = Quarantine.location(quarantineDir, tableName, runId);
    if (!dryRun) {
      Quarantine.writeRecords(rejects, location);
      Quarantine.writeFiles(aggregate.stream().rows().sparkSession(), unreadableFiles, location);
    }
    LOG.warn("{}: {} bad records and unreadable files quarantined in {} (first: {})", tableName, count, location, where);
    if (count > config.maxBadRecords()) {
      throw new BadInputException(count + " bad records and unreadable files in the history of " + tableName
          + " exceed tables." + tableName + ".max-bad-records = " + config.maxBadRecords() + "; nothing was committed."
          + " They are in " + location + " (first: " + where + ")");
    }
    return new Rejected(count, location);
  }

  /** Truncates and messages, for the report; a truncate is also logged as a warning. */
  public static List<Map<String, Object>> truncates(ChangeAggregate aggregate, String tableName) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : aggregate.specials().collectAsList()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("op", r.getAs("op"));
      t.put("lsn", r.getAs("lsn"));
      t.put("commit_time", Instant.ofEpochMilli(r.<Long>getAs("commit_ms")).toString());
      t.put("file", r.getAs("file"));
      out.add(t);
      if ("t".equals(r.getAs("op"))) {
        LOG.warn("{}: a truncate at lsn {} ({}): history is kept as is; a truncate usually means the source was"
            + " reloaded", tableName, r.<Object>getAs("lsn"), t.get("commit_time"));
      }
    }
    return out;
  }
}
