package io.historylane.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.testkit.ChildJvm;
import io.historylane.testkit.TestLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  void theApplicationJarBackfillsThroughSparkSubmit() throws Exception {
    TestLake lake = TestLake.get().withSample();
    ChildJvm submit = ChildJvm.start(lake, sparkClasspath(), "org.apache.spark.deploy.SparkSubmit",
        submit(lake, "--env", "minio", "backfill", "facts", "--table", "sales", "--from", "2025-01-01", "--to", "2025-01-08"),
        line -> false);
    assertEquals(0, submit.waitFor(10), submit.output());
    assertTrue(submit.output().contains("backfilled history.sales [2025-01-01, 2025-01-08): 7 of 7 days rewritten"),
        submit.output());
    assertEquals(7, lake.spark().sql("SELECT DISTINCT to_date(sold_at) FROM lake.history.sales").count());
  }
}
