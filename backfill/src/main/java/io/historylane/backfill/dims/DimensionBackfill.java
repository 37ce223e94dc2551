package io.historylane.backfill.dims;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import io.historylane.backfill.common.ChangeAggregate;
import io.historylane.backfill.common.HistoryChecks;
import io.historylane.backfill.common.HistorySource;
import io.historylane.backfill.common.IcebergTables;
import io.historylane.backfill.source.ChangeColumns;
import io.historylane.core.config.TableConfig;
import io.historylane.core.config.TableKind;
import io.historylane.core.error.BadInputException;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.lake.SnapshotProperties;
import io.historylane.core.session.JobGroup;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the type-2 history of a dimension (cdc-and-scd2.md, "Slowly changing dimensions") for
 * the changes committed in a range, or for all of history ({@link DateRange#ALL}).
 *
 * <p>Only keys with changes in the range are touched: their states in the range and their versions
 * in the table are cogrouped, {@link SegmentBuilder} stitches the new segment to the versions before
 * and after it, and {@link VersionDelta} commits the difference: new rows, and position deletes of
 * the versions they replace, found where the table was read. The table is scanned once, for the
 * changed keys' versions; everything else grows with the changed keys, not with the dimension. The
 * same range twice commits nothing the second time; ranges built out of order give the same table.
 * The changed keys' versions as the commit will leave them (the ones read, less those replaced, plus
 * the new) are checked against every invariant before anything is committed; a violation fails the
 * run with nothing committed.
 */
public final class DimensionBackfill {
  private static final Logger LOG = LoggerFactory.getLogger(DimensionBackfill.class);
  private static final String ALIVE = "alive";
  private static final String COMMIT_MS = "commit_ms";

  private final LakehouseSession session;
  private String tableName;
  private DateRange range = DateRange.ALL;
  private Instant asOf;
  private boolean dryRun;
  private boolean skipBadRecords;
  private String runId = "adhoc";

  private DimensionBackfill(LakehouseSession session) {
    this.session = session;
  }

  public static DimensionBackfill in(LakehouseSession session) {
    return new DimensionBackfill(session);
  }

  public DimensionBackfill table(String name) {
    this.tableName = name;
    return this;
  }

  /** The commit-time range whose changes are rebuilt; {@link DateRange#ALL} (the default) rebuilds all. */
  public DimensionBackfill range(DateRange dates) {
    this.range = dates;
    return this;
  }

  public DimensionBackfill asOf(Instant cutOff) {
    this.asOf = cutOff;
    return this;
  }

  public DimensionBackfill dryRun(boolean plan) {
    this.dryRun = plan;
    return this;
  }

  public DimensionBackfill skipBadRecords(boolean skip) {
    this.skipBadRecords = skip;
    return this;
  }

  public DimensionBackfill runId(String id) {
    this.runId = id;
    return this;
  }

  public DimensionBackfillResult execute() {
    TableConfig config = session.config().table(tableName);
    if (config.kind() != TableKind.SCD2) {
      throw new BadInputException("tables." + tableName + " is a " + config.kind().configName()
          + " table, not a dimension: use `backfill facts` for facts");
    }
    long started = System.nanoTime();
    String identifier = session.icebergCatalogName() + "." + config.iceberg();
    long from = range.isAll() ? Long.MIN_VALUE : range.startInstant(session.config().timezone()).toEpochMilli();
    long to = range.isAll() ? Long.MAX_VALUE : range.endInstant(session.config().timezone()).toEpochMilli();
    long cutOff = asOf == null ? Long.MAX_VALUE : asOf.toEpochMilli();
    HistorySource source = HistorySource.forDimensions(session, tableName, config, range, skipBadRecords);
    Column[] groupBy = groupBy(config);
    ChangeAggregate aggregate = source.read(session, runId, tableName, range,
        stream -> ChangeAggregate.compute(stream, List.of(groupBy),
            col(ChangeColumns.COMMIT_MS).geq(lit(from)).and(col(ChangeColumns.COMMIT_MS).lt(lit(to)))
                .and(col(ChangeColumns.COMMIT_MS).leq(lit(cutOff)))),
        a -> a.states().count());
    Dataset<Row> existing = null;
    Dataset<Row> changes = null;
    try {
      HistoryChecks.Rejected bad = HistoryChecks.badRecords(aggregate, source.unreadable(), tableName, config, skipBadRecords, dryRun,
          session.config().quarantine().dir(), runId);
      List<Map<String, Object>> truncates = HistoryChecks.truncates(aggregate, tableName);
      DimensionSchema schema = new DimensionSchema(tableName, config, aggregate.stream().dataSchema());
      Table table = session.icebergTableExists(config.iceberg()) ? session.icebergTable(config.iceberg()) : null;
      List<String> schemaChanges = new ArrayList<>();
      if (table == null && !dryRun) {
        table = create(config, schema);
      } else if (table != null && !dryRun) {
        schemaChanges.addAll(IcebergTables.evolve(table, schema.table(), tableName));
      }
      Long before = table == null || table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId();
      Dataset<Row> states = states(aggregate, config);
      Dataset<Row> keys = states.select(keyColumns(config)).distinct();
      existing = located(identifier, schema, keys, before);
      existing.persist(StorageLevel.MEMORY_AND_DISK());
      OrphanDeletes orphans = new OrphanDeletes(session, tableName);
      Map<String, List<Long>> remembered = orphans.since(to);
      changes = changes(states, existing, schema, from, to, remembered);
      changes.persist(StorageLevel.MEMORY_AND_DISK());
      long keysChanged;
      Map<String, Long> counts = new HashMap<>();
      long replaced = 0;
      try (JobGroup g = JobGroup.start(session.spark(), runId, step("rebuild the versions of keys changed in the range"))) {
        keysChanged = keys.count();
        for (Row r : changes.groupBy(col(VersionRows.OP), col(VersionRows.FILE).isNotNull()).count().collectAsList()) {
          counts.merge(r.getString(0), r.getLong(2), Long::sum);
          replaced += r.getBoolean(1) ? r.getLong(2) : 0;
        }
      }
      long written = counts.getOrDefault("upsert", 0L);
      long removed = counts.getOrDefault("delete", 0L);
      LOG.info("{}: {} keys changed in {}: {} versions to write, {} to remove", tableName, keysChanged, range, written,
          removed);
      String[] columns = schema.table().fieldNames();
      Dataset<Row> added = changes.filter(col(VersionRows.OP).equalTo("upsert")).select(quoted(columns));
      Dataset<Row> positions = changes.filter(col(VersionRows.FILE).isNotNull()).select(VersionRows.FILE, VersionRows.POS);
      VerificationResult verification;
      try (JobGroup g = JobGroup.start(session.spark(), runId, step("verify the changed keys' new versions"))) {
        verification = DimensionVerifier.verify(existing.join(positions, new String[] {VersionRows.FILE, VersionRows.POS},
            "left_anti").select(quoted(columns)).unionByName(added), config);
      }
      if (!verification.passed()) {
        throw new RunFailedException("the rebuilt versions of " + config.iceberg() + " would break "
            + verification.violationCount() + " invariant(s), first: " + verification.violations().get(0)
            + ". Nothing was committed; check the table's existing versions with `historylane verify --table "
            + tableName + "`");
      }
      Long after = before;
      if (!dryRun && counts.getOrDefault("orphan", 0L) > 0) {
        orphans.remember(changes.filter(col(VersionRows.OP).equalTo("orphan"))
            .select(col(VersionRows.KEY), call_function("unix_millis", col(DimensionSchema.VALID_FROM)))
            .collectAsList(), runId);
      }
      if (!dryRun && written + removed > 0) {
        Map<String, String> properties = Map.of(SnapshotProperties.RUN_ID, runId, SnapshotProperties.TABLE, tableName,
            SnapshotProperties.RANGE, range.isAll() ? "all" : range.toString());
        after = new VersionDelta(session, config, runId, step("commit"))
            .commit(added, written, positions, replaced, before, properties);
      }
      int files = aggregate.stream().plan().files();
      long bytes = aggregate.stream().plan().bytes();
      return new DimensionBackfillResult(tableName, config.iceberg(), range, asOf, dryRun, before, after, keysChanged,
          written, removed, files, bytes, bad.count(), bad.quarantine(), truncates, schemaChanges, verification,
          (System.nanoTime() - started) / 1_000_000);
    } finally {
      aggregate.release();
      for (Dataset<Row> cached : Arrays.asList(existing, changes)) {
        if (cached != null) {
          cached.unpersist();
        }
      }
    }
  }

  /** A version is made of the key's last state at one commit time: group by key and commit time. */
  private static Column[] groupBy(TableConfig config) {
    List<Column> cols = new ArrayList<>(List.of(keyColumns(config)));
    cols.add(col(ChangeColumns.COMMIT_MS));
    return cols.toArray(Column[]::new);
  }

  private static Column[] keyColumns(TableConfig config) {
    return config.keys().stream().map(k -> col("`" + k + "`")).toArray(Column[]::new);
  }

  private String step(String what) {
    return "backfill " + tableName + " " + range + ": " + what;
  }

  private static Column[] quoted(String[] columns) {
    return Arrays.stream(columns).map(c -> col("`" + c + "`")).toArray(Column[]::new);
  }

  /**
   * The versions of {@code keys} the table holds at {@code snapshot}, each with the data file and
   * row position it was read from ({@link VersionRows#FILE}, {@link VersionRows#POS}): where the
   * commit deletes the ones it replaces.
   */
  private Dataset<Row> located(String identifier, DimensionSchema schema, Dataset<Row> keys, Long snapshot) {
    if (snapshot == null) {
      StructType located = schema.table()
          .add(VersionRows.FILE, DataTypes.StringType, false)
          .add(VersionRows.POS, DataTypes.LongType, false);
      return session.spark().createDataFrame(List.of(), located);
    }
    Dataset<Row> table = session.spark().read().option("snapshot-id", String.valueOf(snapshot)).table(identifier);
    return table.select(col("*"), table.col(VersionRows.FILE), table.col(VersionRows.POS))
        .join(keys, schema.keys().toArray(String[]::new), "left_semi");
  }

  /** One row per key and commit time: alive (with tracked and type-1 values) or deleted. */
  private static Dataset<Row> states(ChangeAggregate aggregate, TableConfig config) {
    List<Column> cols = new ArrayList<>(List.of(keyColumns(config)));
    cols.add(col(ChangeColumns.COMMIT_MS).as(COMMIT_MS));
    cols.add(col(ChangeColumns.OP).notEqual("d").as(ALIVE));
    for (String c : config.tracked()) {
      cols.add(col("`" + c + "`"));
    }
    for (String c : config.type1()) {
      cols.add(col("`" + c + "`"));
    }
    return aggregate.states().select(cols.toArray(Column[]::new));
  }

  private static Dataset<Row> changes(Dataset<Row> states, Dataset<Row> existing, DimensionSchema schema, long from,
      long to, Map<String, List<Long>> orphanDeletes) {
    List<String> keys = schema.keys();
    List<StructField> fields = new ArrayList<>();
    for (StructField f : schema.table().fields()) {
      if (!f.name().equals(DimensionSchema.VERSION_KEY)) {
        fields.add(f);
      }
    }
    fields.add(DataTypes.createStructField(VersionRows.OP, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(VersionRows.KEY, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(VersionRows.FILE, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(VersionRows.POS, DataTypes.LongType, true));
    StructType out = new StructType(fields.toArray(StructField[]::new));
    Column[] hashed = new Column[keys.size() + 1];
    for (int i = 0; i < keys.size(); i++) {
      hashed[i] = col("`" + keys.get(i) + "`");
    }
    hashed[keys.size()] = col(DimensionSchema.VALID_FROM);
    return states.groupByKey((org.apache.spark.api.java.function.MapFunction<Row, String>) r -> VersionRows.keyOf(r, keys),
            Encoders.STRING())
        .cogroup(existing.groupByKey((org.apache.spark.api.java.function.MapFunction<Row, String>) r -> VersionRows.keyOf(r, keys),
            Encoders.STRING()), new VersionRows(schema, from, to, orphanDeletes), Encoders.row(out))
        .withColumn(DimensionSchema.VERSION_KEY, xxhash64(hashed));
  }

  private Table create(TableConfig config, DimensionSchema schema) {
    Schema iceberg = SparkSchemaUtil.convert(schema.table());
    PartitionSpec.Builder spec = PartitionSpec.builderFor(iceberg);
    if (config.bucket() != null) {
      spec.bucket(config.bucket().column(), config.bucket().count());
    }
    SortOrder.Builder order = SortOrder.builderFor(iceberg);
    config.keys().forEach(order::asc);
    order.asc(DimensionSchema.VALID_FROM);
    Map<String, String> props = new HashMap<>();
    props.put(TableProperties.FORMAT_VERSION, "2");
    props.put(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, String.valueOf(config.targetFileSize().bytes()));
    // historylane's own commits delete replaced versions by position (VersionDelta); these modes make
    // a user's UPDATE, DELETE or MERGE on the table do the same instead of rewriting every file it touches
    props.put(TableProperties.MERGE_MODE, "merge-on-read");
    props.put(TableProperties.UPDATE_MODE, "merge-on-read");
    props.put(TableProperties.DELETE_MODE, "merge-on-read");
    props.put("historylane.table", tableName);
    TableIdentifier id = TableIdentifier.parse(config.iceberg());
    IcebergTables.ensureNamespace(session, id);
    LOG.info("{}: creating Iceberg table {}", tableName, config.iceberg());
    return session.icebergCatalog().buildTable(id, iceberg).withPartitionSpec(spec.build())
        .withSortOrder(order.build()).withProperties(props).create();
  }
}
