package io.historylane.backfill.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.when;

import io.historylane.core.config.PaimonSourceConfig;
import io.historylane.core.config.TableConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.session.LakehouseSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.paimon.Snapshot;
import org.apache.paimon.table.DataTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Paimon primary-key table written by Flink CDC, read as the state of every key at one Paimon
 * snapshot: the latest, or for {@code --as-of} the last one committed at or before it (Paimon's
 * commit time). Each row becomes a snapshot read ({@code r}) in the normalized stream; the
 * commit-time metadata column, if configured, is dropped from the rows.
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

  /** The snapshot to read, as a plan whose one input is the table at that snapshot. */
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
    return new SourcePlan("paimon:" + source.table(), List.of(new SourcePlan.SourceInput(
        "paimon:" + source.table() + "@snapshot-" + snapshot.id(), snapshot.id(), snapshot.timeMillis())));
  }

  public ChangeStream read(SourcePlan plan, List<String> requiredInRows) {
    long snapshotId = plan.inputs().get(0).size();
    String identifier = session.paimonCatalogName() + "." + source.table();
    Dataset<Row> raw = session.spark().sql("SELECT * FROM " + identifier + " VERSION AS OF " + snapshotId);
    List<String> columns = new ArrayList<>(Arrays.asList(raw.columns()));
    for (String key : table.keys()) {
      if (!columns.contains(key)) {
        throw new BadInputException("tables." + tableName + ".keys names " + key + ", which Paimon table "
            + source.table() + " does not have (columns: " + columns + ")");
      }
    }
    String commitColumn = source.commitTimeColumn();
    List<Column> select = new ArrayList<>();
    List<StructField> data = new ArrayList<>();
    for (StructField f : raw.schema().fields()) {
      if (!f.name().equals(commitColumn)) {
        select.add(col("`" + f.name() + "`"));
        data.add(f);
      }
    }
    Column nullKey = lit(false);
    for (String key : table.keys()) {
      nullKey = nullKey.or(col("`" + key + "`").isNull());
    }
    Column missing = lit(false);
    for (String column : requiredInRows) {
      missing = missing.or(col("`" + column + "`").isNull());
    }
    long snapshotMillis = plan.inputs().get(0).modified();
    select.add(lit("r").as(ChangeColumns.OP));
    select.add(lit(snapshotId).as(ChangeColumns.LSN));
    select.add(lit(1).as(ChangeColumns.RANK));
    // the state is as of the snapshot: every row counts as committed then, so an --as-of cut-off
    // (which chose the snapshot) never drops a key whose last change came later in the source
    select.add(lit(snapshotMillis).as(ChangeColumns.COMMIT_MS));
    select.add(monotonically_increasing_id().as(ChangeColumns.POS));
    select.add(lit(plan.inputs().get(0).location()).as(ChangeColumns.FILE));
    select.add(when(nullKey, lit("null key (" + String.join(", ", table.keys()) + ")"))
        .when(missing, concat(lit("null "), lit(String.join(", ", requiredInRows)))).as(ChangeColumns.REJECT));
    return new ChangeStream(raw.select(select.toArray(Column[]::new)), new StructType(data.toArray(StructField[]::new)),
        table.keys(), plan);
  }
}
