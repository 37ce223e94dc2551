package io.historylane.bench;

import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.config.TableConfig;
import io.historylane.core.config.TableKind;
import io.historylane.core.session.JobGroup;
import io.historylane.core.session.LakehouseSession;
import io.historylane.snapshots.CutResult;
import io.historylane.snapshots.CutSchedule;
import io.historylane.snapshots.SnapshotActions;
import io.historylane.snapshots.TagOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench/run snapshots}: one cut across 20 small tables (15 Iceberg, 5 Paimon, three commits
 * each) in the local warehouse. A cut is metadata only: the figures are its wall time (goal: under
 * 5 s) and the number of Spark jobs it ran (zero). The cut is of an instant a few seconds past, as
 * a month-end cut is, so it never waits for commits still landing.
 */
final class SnapshotCutBench implements Benchmark {
  private static final int ICEBERG_TABLES = 15;
  private static final int PAIMON_TABLES = 5;
  private static final long GOAL_MS = 5000;

  @Override
  public Map<String, Object> run(BenchContext context, String[] args) throws Exception {
    Map<String, TableConfig> tables = new LinkedHashMap<>(context.loaded().config().tables());
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= ICEBERG_TABLES + PAIMON_TABLES; i++) {
      String name = String.format("bench_t%02d", i);
      boolean iceberg = i <= ICEBERG_TABLES;
      tables.put(name, new TableConfig(TableKind.TABLE, iceberg ? "bench." + name : null, iceberg ? null : "bench." + name,
          null, null, null, null, null, null, null, null, null, null, null, null, null, null));
      names.add(name);
    }
    LakehouseSession session = LakehouseSession.open(withTables(context.loaded(), tables), "historylane-bench");
    SparkSession spark = session.spark();
    context.time("create and write 20 tables", () -> create(spark, names));
    Instant asOf = Instant.now();
    Thread.sleep(6000);

    SnapshotActions actions = SnapshotActions.in(session);
    List<Long> runs = new ArrayList<>();
    int sparkJobs = 0;
    CutResult first = null;
    for (int run = 1; run <= 3; run++) {
      String group = "bench-cut-" + run;
      String name = "bench-" + run;
      BenchContext.Timed<CutResult> timed;
      try (JobGroup g = JobGroup.start(spark, group, "bench: cut 20 tables")) {
        timed = context.timed("cut " + name, () -> actions.cut().tables(names)
            .points(CutSchedule.single(name, asOf, Instant.now())).runId("bench").execute());
      }
      sparkJobs += spark.sparkContext().statusTracker().getJobIdsForGroup(group).length;
      runs.add(timed.millis());
      first = first == null ? timed.value() : first;
    }
    long rerunMs = context.timed("rerun bench-1 (nothing to do)", () -> actions.cut().tables(names)
        .points(CutSchedule.single("bench-1", asOf, Instant.now())).runId("bench").execute()).millis();
    long verifyMs = context.timed("verify 3 cuts", () -> actions.verify().execute()).millis();

    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("tables", names.size());
    figures.put("iceberg_tables", ICEBERG_TABLES);
    figures.put("paimon_tables", PAIMON_TABLES);
    figures.put("tags_created", first.count(TagOutcome.Action.CREATED));
    figures.put("cut_ms", runs.get(0));
    figures.put("cut_ms_runs", runs);
    figures.put("rerun_ms", rerunMs);
    figures.put("verify_ms", verifyMs);
    figures.put("spark_jobs_during_cuts", sparkJobs);
    figures.put("goal_ms", GOAL_MS);
    figures.put("goal_met", runs.stream().allMatch(ms -> ms < GOAL_MS));
    return figures;
  }

  private static LoadedConfig withTables(LoadedConfig loaded, Map<String, TableConfig> tables) {
    HistorylaneConfig c = loaded.config();
    HistorylaneConfig config = new HistorylaneConfig(c.timezone(), c.catalogs(), c.storage(), c.archive(), c.reports(),
        c.quarantine(), c.spark(), c.compactionPolicies(), tables, c.starrocks());
    return new LoadedConfig(config, loaded.env(), loaded.files(), loaded.redactor());
  }

  /** Each table gets three commits, as a small table with some history has. */
  private static void create(SparkSession spark, List<String> names) {
    spark.sql("CREATE NAMESPACE IF NOT EXISTS lake.bench");
    spark.sql("CREATE DATABASE IF NOT EXISTS paimon.bench");
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String table = i < ICEBERG_TABLES ? "lake.bench." + name : "paimon.bench." + name;
      spark.sql("CREATE TABLE " + table + " (id BIGINT, v STRING)"
          + (i < ICEBERG_TABLES ? " USING iceberg" : " TBLPROPERTIES ('primary-key' = 'id', 'bucket' = '1')"));
      for (int commit = 1; commit <= 3; commit++) {
        spark.sql("INSERT INTO " + table + " VALUES (" + commit + ", '" + name + "-" + commit + "')");
      }
    }
  }
}
