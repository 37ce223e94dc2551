package io.historylane.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.backfill.dims.DimensionVerifier;
import io.historylane.backfill.testing.ExpectedFacts;
import io.historylane.core.config.ConfigLoader;
import io.historylane.core.config.Environment;
import io.historylane.core.config.TableConfig;
import io.historylane.starrocks.testing.FakeStarRocks;
import io.historylane.testdata.HistoryGenerator;
import io.historylane.testkit.ChildJvm;
import io.historylane.testkit.TestLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The application jar, submitted through Spark's own SparkSubmit on the classpath of a stock Spark
 * 3.5 distribution (Spark, Hadoop, Scala and nothing of ours), against the in-JVM S3 server: what a
 * scheduler's spark-submit runs on a cluster.
 */
class ApplicationJarIT {
  static List<String> submit(TestLake lake, String... args) {
    List<String> command = new ArrayList<>(List.of("--master", "local[2]", "--name", "historylane-it",
        "--class", "io.historylane.app.Main", "--conf", "spark.ui.enabled=false",
        System.getProperty("historylane.app.jar"), "--conf", lake.confFile().toString()));
    command.addAll(List.of(args));
    return command;
  }

  static String sparkClasspath() throws Exception {
    return Files.readString(Path.of(System.getProperty("historylane.spark.classpath"))).trim();
  }

  @Test
  void aRepairOfAFactAndADimensionThroughSparkSubmitRefreshesStarRocks() throws Exception {
    TestLake lake = TestLake.get().withSample();
    lake.overlay("e2e", """
        starrocks:
          url: ${STARROCKS_URL}
          user: historylane
          password-env: STARROCKS_PASSWORD
          iceberg-catalog: iceberg_lake
          mode: sync
          poll-interval: 20ms
        tables:
          e2e_sales:
            kind: fact
            iceberg: e2e.sales
            source: {debezium: {topic: pg.public.sales}}
            keys: [sale_id]
            event-time: sold_at
            bucket: {column: provider_id, count: 2}
            starrocks:
              materialized-views: [{name: analytics.mv_e2e_daily, granularity: day}]
          e2e_dim:
            kind: scd2
            iceberg: e2e.dim_employee
            source: {debezium: {topic: pg.public.employees}}
            keys: [employee_id]
            tracked: [role, commission_rate, provider_id]
            type1: [full_name, email, hired_on]
            ignored: [updated_at]
            starrocks:
              materialized-views: [{name: analytics.mv_e2e_top, granularity: month}]
        """);
    try (FakeStarRocks fe = FakeStarRocks.start().table("iceberg_lake.e2e.sales").table("iceberg_lake.e2e.dim_employee")
        .materializedView("analytics.mv_e2e_daily").materializedView("analytics.mv_e2e_top")) {
      ChildJvm submit = ChildJvm.start(lake, sparkClasspath(),
          Map.of("STARROCKS_URL", fe.url(), "STARROCKS_PASSWORD", FakeStarRocks.PASSWORD),
          "org.apache.spark.deploy.SparkSubmit", submit(lake, "--env", "minio,e2e", "repair", "--tables", "e2e_sales,e2e_dim",
              "--from", "2025-01-01", "--to", "2025-02-01", "--repair-id", "e2e-1"), line -> false);
      assertEquals(0, submit.waitFor(15), submit.output());
      assertFalse(submit.output().contains(FakeStarRocks.PASSWORD), "the password never shows");

      List<String> columns = List.of("sale_id", "sold_at", "amount", "tip");
      assertEquals(ExpectedFacts.of(HistoryGenerator.sample(), "sales", "sold_at", LocalDate.parse("2025-01-01"),
              LocalDate.parse("2025-02-01"), Long.MAX_VALUE, columns),
          ExpectedFacts.ofRows(lake.spark().table("lake.e2e.sales").collectAsList(), columns));
      Map<String, String> env = new java.util.HashMap<>(lake.environmentVariables());
      env.put("STARROCKS_URL", fe.url());
      env.put("STARROCKS_PASSWORD", FakeStarRocks.PASSWORD);
      TableConfig dim = new ConfigLoader(Environment.of(env)).load(lake.confFile(), "minio,e2e").config().table("e2e_dim");
      assertTrue(DimensionVerifier.verify(lake.spark().table("lake.e2e.dim_employee"), dim).passed());
      assertTrue(lake.spark().table("lake.e2e.dim_employee").count() > 0);

      assertEquals(List.of(
              "REFRESH EXTERNAL TABLE `iceberg_lake`.`e2e`.`sales`",
              "REFRESH EXTERNAL TABLE `iceberg_lake`.`e2e`.`dim_employee`",
              "REFRESH MATERIALIZED VIEW `analytics`.`mv_e2e_daily` PARTITION START ('2025-01-01') END ('2025-02-01') WITH SYNC MODE",
              "REFRESH MATERIALIZED VIEW `analytics`.`mv_e2e_top` WITH SYNC MODE"),
          fe.statements());
    }
  }
}
