package io.historylane.app.cli;

import static org.apache.iceberg.types.Types.NestedField.required;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.historylane.core.lake.OperationsTable;
import io.historylane.core.report.ChangeSet;
import io.historylane.core.report.Json;
import io.historylane.core.session.LakehouseSession;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Types;

/**
 * What a repair has finished, in {@code <operations namespace>.repair_steps}: one row per finished
 * step with the change set it made, so a rerun with the same repair id skips it and still tells
 * StarRocks everything the repair changed.
 */
final class RepairLedger {
  static final String TABLE = "repair_steps";
  private static final Schema SCHEMA = new Schema(
      required(1, "repair_id", Types.StringType.get()),
      required(2, "step", Types.StringType.get()),
      required(3, "run_id", Types.StringType.get()),
      required(4, "finished_at", Types.TimestampType.withZone()),
      required(5, "change_set", Types.StringType.get()),
      required(6, "summary", Types.StringType.get()));

  /** A finished step. */
  record Done(String repairId, String step, String runId, Instant finishedAt, String changeSet, String summary) {}

  private final String repairId;
  private final OperationsTable<Done> table;

  RepairLedger(LakehouseSession session, String repairId) {
    this.repairId = repairId;
    this.table = new OperationsTable<>(session, TABLE, SCHEMA,
        r -> new Done((String) r.getField("repair_id"), (String) r.getField("step"), (String) r.getField("run_id"),
            ((OffsetDateTime) r.getField("finished_at")).toInstant(), (String) r.getField("change_set"),
            (String) r.getField("summary")),
        d -> {
          GenericRecord r = GenericRecord.create(SCHEMA);
          r.setField("repair_id", d.repairId());
          r.setField("step", d.step());
          r.setField("run_id", d.runId());
          r.setField("finished_at", d.finishedAt().atOffset(ZoneOffset.UTC));
          r.setField("change_set", d.changeSet());
          r.setField("summary", d.summary());
          return r;
        });
  }

  /** The steps this repair finished before, by name. */
  Map<String, Done> finished() {
    Map<String, Done> out = new LinkedHashMap<>();
    for (Done d : table.rows()) {
      if (d.repairId().equals(repairId)) {
        out.put(d.step(), d);
      }
    }
    return out;
  }

  void finish(String step, String runId, ChangeSet changes, String summary) {
    try {
      String json = Json.mapper().writeValueAsString(changes);
      table.append(List.of(new Done(repairId, step, runId, Instant.now(), json, summary)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ChangeSet changes(Done done) {
    try {
      return Json.mapper().readValue(done.changeSet(), ChangeSet.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("the change set of repair step " + done.step() + " is unreadable", e);
    }
  }

}
