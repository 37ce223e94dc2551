package io.historylane.backfill.source;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A normalized change stream: one row per change with the {@link ChangeColumns} metadata and the
 * row's own columns, in table types. Not ordered and not deduplicated: consumers order by
 * {@code (_lsn, _rank, _commit_ms, _pos)} as cdc-and-scd2.md says.
 *
 * @param dataSchema the row's own columns (what a table built from this stream holds)
 */
public record ChangeStream(Dataset<Row> rows, StructType dataSchema, List<String> keys, SourcePlan plan) {}
