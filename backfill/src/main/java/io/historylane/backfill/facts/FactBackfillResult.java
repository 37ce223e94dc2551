package io.historylane.backfill.facts;

import io.historylane.core.time.DateRange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a fact backfill did (or, in a dry run, would do).
 *
 * @param snapshotBefore main's snapshot when the run planned (null: no table yet)
 * @param snapshotAfter main's snapshot at the end
 * @param days the plan per day of the range: source rows, current rows, rows to write
 * @param sourceFiles archive files (or Paimon snapshots) read
 * @param rejected bad records left out (with --skip-bad-records) and written to {@code quarantine}
 * @param truncates truncate and message events seen: they change no row, but usually mean the
 *     source was reloaded
 * @param schemaChanges columns the table gained or widened
 * @param wapBranch the write-audit-publish branch, when the table uses one
 */
public record FactBackfillResult(
    String table,
    String identifier,
    DateRange range,
    Instant asOf,
    boolean dryRun,
    Long snapshotBefore,
    Long snapshotAfter,
    List<ChunkOutcome> chunks,
    List<DayStats> days,
    int sourceFiles,
    long sourceBytes,
    long rejected,
    String quarantine,
    List<Map<String, Object>> truncates,
    List<String> schemaChanges,
    String wapBranch) {

  public FactBackfillResult {
    chunks = List.copyOf(chunks);
    days = List.copyOf(days);
    truncates = List.copyOf(truncates);
    schemaChanges = List.copyOf(schemaChanges);
  }

  /** The days whose content was (or would be) replaced. */
  public List<LocalDate> changedDays() {
    return chunks.stream().flatMap(c -> c.daysWritten().stream()).sorted().toList();
  }

  public long rowsWritten() {
    return chunks.stream().mapToLong(ChunkOutcome::rowsWritten).sum();
  }

  public long count(ChunkOutcome.Status status) {
    return chunks.stream().filter(c -> c.status() == status).count();
  }
}
