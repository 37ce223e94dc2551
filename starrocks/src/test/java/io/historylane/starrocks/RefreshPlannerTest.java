package io.historylane.starrocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.core.config.ConfigException;
import io.historylane.core.config.ConfigLoader;
import io.historylane.core.config.Environment;
import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.report.ChangeKind;
import io.historylane.core.report.ChangeSet;
import io.historylane.core.report.TableChange;
import io.historylane.testkit.TestLake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan derived from a change set and the shipped config (conf/historylane.yaml) plus a StarRocks overlay. */
class RefreshPlannerTest {
  private static final String STARROCKS = """
      starrocks:
        url: jdbc:mysql://starrocks-fe:9030/
        user: historylane
        password-env: STARROCKS_PASSWORD
        iceberg-catalog: iceberg_lake
        paimon-catalog: paimon_lake
      """;

  @TempDir Path dir;

  @Test
  void aBackfillOfTwoDaysRefreshesTheTableOnceAndEachMvOverItsAlignedPartitions() {
    RefreshPlan plan = plan(STARROCKS, data("sales", "history.sales", "2025-01-12", "2025-01-10"));

    assertEquals(List.of(
        "REFRESH EXTERNAL TABLE `iceberg_lake`.`history`.`sales`",
        "REFRESH MATERIALIZED VIEW `analytics`.`mv_daily_sales` PARTITION START ('2025-01-10') END ('2025-01-13')",
        "REFRESH MATERIALIZED VIEW `analytics`.`mv_top_employees` PARTITION START ('2025-01-01') END ('2025-02-01')"),
        plan.sql());
  }

  @Test
  void aLayoutOnlyChangeRefreshesTheTableAndNoMv() {
    TableChange compaction = new TableChange("sales", "history.sales", "iceberg", ChangeKind.LAYOUT,
        List.of(LocalDate.parse("2025-01-10")), 7L);
    assertEquals(List.of("REFRESH EXTERNAL TABLE `iceberg_lake`.`history`.`sales`"), plan(STARROCKS, compaction).sql());
  }

  @Test
  void nothingChangedPlansNothing() {
    assertTrue(RefreshPlanner.of(load(STARROCKS)).plan(ChangeSet.EMPTY).isEmpty());
  }

  @Test
  void anMvReadingTwoChangedTablesIsRefreshedOnceAndWholeWhenOneChangedWhole() {
    TableChange dimension = new TableChange("dim_employee", "history.dim_employee", "iceberg", ChangeKind.DATA, List.of(), 9L);
    RefreshPlan plan = plan(STARROCKS, data("sales", "history.sales", "2025-01-10"), dimension);

    assertEquals(List.of(
        "REFRESH EXTERNAL TABLE `iceberg_lake`.`history`.`sales`",
        "REFRESH EXTERNAL TABLE `iceberg_lake`.`history`.`dim_employee`",
        "REFRESH MATERIALIZED VIEW `analytics`.`mv_daily_sales` PARTITION START ('2025-01-10') END ('2025-01-11')",
        "REFRESH MATERIALIZED VIEW `analytics`.`mv_top_employees`"), plan.sql());
    assertEquals(List.of("iceberg_lake.history.sales", "iceberg_lake.history.dim_employee"),
        plan.statements().get(3).reads().stream().map(SqlName::toString).toList());
  }

  @Test
  void partitionsAlignToTheMvGranularity() {
    assertEquals(new PartitionRange(day("2024-12-30"), day("2025-01-13")), range("week", "2025-01-01", "2025-01-08"));
    assertEquals(new PartitionRange(day("2025-01-06"), day("2025-01-13")), range("week", "2025-01-06", "2025-01-12"));
    assertEquals(new PartitionRange(day("2024-12-01"), day("2025-02-01")), range("month", "2024-12-31", "2025-01-01"));
    assertEquals(new PartitionRange(day("2025-01-01"), day("2025-02-01")), range("month", "2025-01-31"));
    assertEquals(new PartitionRange(day("2024-01-01"), day("2026-01-01")), range("year", "2024-06-01", "2025-12-31"));
    assertEquals(new PartitionRange(day("2025-01-31"), day("2025-02-01")), range("day", "2025-01-31"));
  }

  @Test
  void anUnpartitionedMvIsRefreshedWholeAndSyncModeIsSaid() {
    RefreshPlan plan = plan(STARROCKS.replace("paimon-catalog: paimon_lake", "paimon-catalog: paimon_lake\n  mode: sync") + """
        tables:
          sales:
            starrocks:
              materialized-views: [{name: analytics.mv_totals, granularity: none}]
        """, data("sales", "history.sales", "2025-01-10"));

    assertEquals("REFRESH MATERIALIZED VIEW `analytics`.`mv_totals` WITH SYNC MODE", plan.sql().get(1));
  }

  @Test
  void namesDefaultFromTheFormatsCatalogAndTheLakeIdentifier() {
    TableChange paimon = new TableChange("cdc_sales", "cdc.sales", "paimon", ChangeKind.LAYOUT, List.of(), 3L);
    TableChange unregistered = new TableChange("old_table", "archive.old_table", "iceberg", ChangeKind.DATA, List.of(), 4L);

    assertEquals(List.of("REFRESH EXTERNAL TABLE `paimon_lake`.`cdc`.`sales`",
        "REFRESH EXTERNAL TABLE `iceberg_lake`.`archive`.`old_table`"), plan(STARROCKS, paimon, unregistered).sql());
  }

  @Test
  void aMissingCatalogIsABadInputNamingTheKey() {
    TableChange paimon = new TableChange("cdc_sales", "cdc.sales", "paimon", ChangeKind.DATA, List.of(), 3L);
    BadInputException e = assertThrows(BadInputException.class,
        () -> plan(STARROCKS.replace("  paimon-catalog: paimon_lake\n", ""), paimon));
    assertTrue(e.getMessage().startsWith("tables.cdc_sales.starrocks.catalog: not set"), e.getMessage());
  }

  @Test
  void namesFromAReportThatCarrySqlAreRejectedBeforeAnythingIsPlanned() {
    TableChange evil = new TableChange("evil", "history.x`; DROP TABLE users; --", "iceberg", ChangeKind.DATA, List.of(), 1L);
    BadInputException e = assertThrows(BadInputException.class, () -> plan(STARROCKS, evil));
    assertTrue(e.getMessage().contains("'x`; DROP TABLE users; --' is not a plain identifier"), e.getMessage());
  }

  @Test
  void namesFromConfigThatCarrySqlAreRejectedWhenTheConfigLoads() {
    for (String bad : List.of("\"history`; DROP TABLE t\"", "\"a'b\"", "\"x;y\"")) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> load(STARROCKS + "tables:\n  sales:\n    starrocks:\n      database: " + bad + "\n"));
      assertTrue(e.getMessage().contains("tables.sales.starrocks.database"), e.getMessage());
    }
    ConfigException mv = assertThrows(ConfigException.class, () -> load(STARROCKS
        + "tables:\n  sales:\n    starrocks:\n      materialized-views: [{name: \"analytics.mv;DROP\"}]\n"));
    assertTrue(mv.getMessage().contains("materialized-views"), mv.getMessage());
  }

  @Test
  void aPasswordInTheUrlIsRefusedWhenTheConfigLoads() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> load(STARROCKS.replace("9030/", "9030/?password=hunter22")));
    assertTrue(e.getMessage().contains("starrocks.url") && e.getMessage().contains("password-env"), e.getMessage());
    assertTrue(!e.getMessage().contains("hunter22"), "the password is not echoed");
  }

  @Test
  void withoutAStarRocksSectionPlanningIsABadInput() {
    BadInputException e = assertThrows(BadInputException.class, () -> RefreshPlanner.of(load("{}")));
    assertTrue(e.getMessage().startsWith("starrocks is not configured"), e.getMessage());
  }

  private PartitionRange range(String granularity, String... days) {
    return PartitionRange.covering(java.util.Arrays.stream(days).map(LocalDate::parse).toList(),
        io.historylane.core.config.MaterializedViewConfig.Granularity.parse(granularity));
  }

  private static LocalDate day(String d) {
    return LocalDate.parse(d);
  }

  private static TableChange data(String table, String identifier, String... days) {
    return new TableChange(table, identifier, "iceberg", ChangeKind.DATA,
        java.util.Arrays.stream(days).map(LocalDate::parse).sorted().toList(), 42L);
  }

  private RefreshPlan plan(String overlay, TableChange... changes) {
    return RefreshPlanner.of(load(overlay)).plan(new ChangeSet(List.of(changes)));
  }

  /** The repository's conf/historylane.yaml with {@code overlay} as its environment overlay. */
  private HistorylaneConfig load(String overlay) {
    try {
      Files.createDirectories(dir.resolve("env"));
      Files.copy(TestLake.repoRoot().resolve("conf/historylane.yaml"), dir.resolve("historylane.yaml"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(dir.resolve("env/test.yaml"), overlay);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new ConfigLoader(Environment.of(Map.of("STARROCKS_PASSWORD", "pw-1234")))
        .load(dir.resolve("historylane.yaml"), "test").config();
  }
}
