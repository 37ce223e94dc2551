package io.historylane.backfill.source;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.when;

import io.historylane.core.config.PaimonSourceConfig;
import io.historylane.core.config.TableConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.session.LakehouseSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.paimon.Snapshot;
import org.apache.paimon.table.DataTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Paimon primary-key table written by Flink CDC, in one of two modes:
 * <ul>
 *   <li>{@code table}: the state of every key at one Paimon snapshot, the latest or for
 *       {@code --as-of} the last one committed at or before it (Paimon's commit time); each row
 *       becomes a snapshot read ({@code r}).
 *   <li>{@code audit-log}: its changelog, {@code $audit_log}, read snapshot by snapshot (the
 *       changes each APPEND commit made: +I, +U, -D; -U before-images are left out), the snapshot
 *       id as the commit position and its commit time (or the configured commit-time column) as
 *       the commit time: every change, not just the latest.
 * </ul>
 * The commit-time metadata column, if configured, is dropped from the rows.
 */
public final class PaimonTableSource {
  private final LakehouseSession session;
  private final String tableName;
  private final TableConfig table;
  private final PaimonSourceConfig source;

  public PaimonTableSource(LakehouseSession session, String tableName, TableConfig table) {
    this.session = session;
    this.tableName = tableName;
    this.table = table;
    this.source = table.source().paimon();
  }

  /**
   * Table mode: the snapshot to read. Audit-log mode: every APPEND snapshot up to it. One input per
   * snapshot (named by its id, its commit time as modification time, no byte size), so the
   * fingerprint changes with every new commit.
   */
  public SourcePlan plan(Instant asOf) {
    DataTable paimon = (DataTable) session.paimonTable(source.table());
    Snapshot snapshot = asOf == null ? paimon.snapshotManager().latestSnapshot()
        : paimon.snapshotManager().earlierOrEqualTimeMills(asOf.toEpochMilli());
    if (snapshot != null && asOf != null && snapshot.timeMillis() > asOf.toEpochMilli()) {
      // Paimon 0.9 answers with its earliest snapshot even when that one came after the cut-off
      snapshot = null;
    }
    if (snapshot == null) {
      throw new BadInputException("Paimon table " + source.table() + " has no snapshot"
          + (asOf == null ? "" : " committed at or before " + asOf) + ": nothing to backfill tables." + tableName + " from");
    }
    List<SourcePlan.SourceInput> inputs = new ArrayList<>();
    if (source.mode() == PaimonSourceConfig.Mode.TABLE) {
      inputs.add(input(snapshot));
    } else {
      long first = paimon.snapshotManager().earliestSnapshotId();
      if (first > 1) {
        throw new BadInputException("Paimon table " + source.table() + " expired its snapshots before " + first
            + ", so its changelog no longer starts at the beginning: use source.paimon.mode: table, or keep snapshots");
      }
      for (long id = first; id <= snapshot.id(); id++) {
        Snapshot s = paimon.snapshotManager().snapshot(id);
        if (s.commitKind() == Snapshot.CommitKind.APPEND) {
          inputs.add(input(s));
        }
      }
    }
    return new SourcePlan("paimon:" + source.table() + ":" + source.mode().configName(), inputs);
  }

  private static final String AT_SNAPSHOT = "@snapshot-";

  private SourcePlan.SourceInput input(Snapshot snapshot) {
    return new SourcePlan.SourceInput("paimon:" + source.table() + AT_SNAPSHOT + snapshot.id(), 0, snapshot.timeMillis());
  }

  private static long snapshotId(SourcePlan.SourceInput input) {
    return Long.parseLong(input.location().substring(input.location().lastIndexOf(AT_SNAPSHOT) + AT_SNAPSHOT.length()));
  }

  public ChangeStream read(SourcePlan plan, List<String> requiredInRows) {
    String identifier = session.paimonCatalogName() + "." + source.table();
    Dataset<Row> rows = null;
    for (SourcePlan.SourceInput in : plan.inputs()) {
      Dataset<Row> one = source.mode() == PaimonSourceConfig.Mode.TABLE ? tableAt(identifier, in) : changesOf(identifier, in);
      rows = rows == null ? one : rows.unionByName(one, true);
    }
    StructType data = dataSchema(rows);
    for (String key : table.keys()) {
      if (!java.util.Arrays.asList(data.fieldNames()).contains(key)) {
        throw new BadInputException("tables." + tableName + ".keys names " + key + ", which Paimon table "
            + source.table() + " does not have (columns: " + java.util.Arrays.toString(data.fieldNames()) + ")");
      }
    }
    Column nullKey = lit(false);
    for (String key : table.keys()) {
      nullKey = nullKey.or(col("`" + key + "`").isNull());
    }
    Column missing = lit(false);
    for (String column : requiredInRows) {
      missing = missing.or(col(ChangeColumns.OP).notEqual("d").and(col("`" + column + "`").isNull()));
    }
    List<Column> select = new ArrayList<>();
    for (StructField f : data.fields()) {
      select.add(col("`" + f.name() + "`"));
    }
    for (String meta : List.of(ChangeColumns.OP, ChangeColumns.LSN, ChangeColumns.RANK, ChangeColumns.COMMIT_MS,
        ChangeColumns.FILE)) {
      select.add(col(meta));
    }
    select.add(monotonically_increasing_id().as(ChangeColumns.POS));
    select.add(when(nullKey, lit("null key (" + String.join(", ", table.keys()) + ")"))
        .when(missing, lit("null " + String.join(", ", requiredInRows))).as(ChangeColumns.REJECT));
    return new ChangeStream(rows.select(select.toArray(Column[]::new)), data, table.keys(), plan);
  }

  /** The table at a snapshot: every row a snapshot read committed then (so --as-of, which chose it, drops none). */
  private Dataset<Row> tableAt(String identifier, SourcePlan.SourceInput in) {
    return session.spark().sql("SELECT * FROM " + identifier + " VERSION AS OF " + snapshotId(in))
        .withColumn(ChangeColumns.OP, lit("r"))
        .withColumn(ChangeColumns.LSN, lit(snapshotId(in)))
        .withColumn(ChangeColumns.RANK, lit(1))
        .withColumn(ChangeColumns.COMMIT_MS, lit(in.modified()))
        .withColumn(ChangeColumns.FILE, lit(in.location()));
  }

  /** The changes one APPEND snapshot made, from the changelog. */
  private Dataset<Row> changesOf(String identifier, SourcePlan.SourceInput in) {
    long id = snapshotId(in);
    Dataset<Row> log = session.spark().read().option("incremental-between", (id - 1) + "," + id)
        .table(identifier.substring(0, identifier.lastIndexOf('.') + 1) + "`"
            + identifier.substring(identifier.lastIndexOf('.') + 1) + "$audit_log`")
        .filter(col("rowkind").notEqual("-U"));
    Column op = when(col("rowkind").equalTo("+I"), lit("c")).when(col("rowkind").equalTo("+U"), lit("u"))
        .otherwise(lit("d"));
    String commitColumn = source.commitTimeColumn();
    Column commitMillis = commitColumn == null ? lit(in.modified())
        : when(op.notEqual("d").and(col("`" + commitColumn + "`").isNotNull()),
            call_function("unix_millis", col("`" + commitColumn + "`").cast("timestamp"))).otherwise(lit(in.modified()));
    return log.withColumn(ChangeColumns.OP, op)
        .withColumn(ChangeColumns.LSN, lit(id))
        .withColumn(ChangeColumns.RANK, lit(1))
        .withColumn(ChangeColumns.COMMIT_MS, commitMillis)
        .withColumn(ChangeColumns.FILE, lit(in.location()))
        .drop("rowkind");
  }

  /** The row's own columns: everything but historylane's metadata and the commit-time column. */
  private StructType dataSchema(Dataset<Row> rows) {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : rows.schema().fields()) {
      if (!ChangeColumns.isMetadata(f.name()) && !f.name().equals(source.commitTimeColumn())) {
        fields.add(f);
      }
    }
    return new StructType(fields.toArray(StructField[]::new));
  }
}
