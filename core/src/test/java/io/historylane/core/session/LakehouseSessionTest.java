package io.historylane.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.testkit.TestLake;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class LakehouseSessionTest {
  @Test
  void icebergOnS3AndPaimonOnS3aBothWorkInOneSession() {
    TestLake lake = TestLake.get();
    SparkSession spark = lake.spark();
    spark.sql("CREATE NAMESPACE IF NOT EXISTS lake.session_test");
    spark.sql("CREATE OR REPLACE TABLE lake.session_test.t (id bigint, v string) USING iceberg");
    spark.sql("INSERT INTO lake.session_test.t VALUES (1, 'a'), (2, 'b')");
    Table table = lake.session().icebergTable("session_test.t");
    assertTrue(table.location().startsWith("s3://lake/iceberg/"), table.location());
    assertEquals(2L, spark.table("lake.session_test.t").count());
    // the data file really is an object in the S3 server
    String file = spark.sql("SELECT file_path FROM lake.session_test.t.files").first().getString(0);
    assertTrue(java.nio.file.Files.exists(lake.s3().objectFile("lake", file.substring("s3://lake/".length()))), file);

    spark.sql("CREATE DATABASE IF NOT EXISTS paimon.session_test");
    spark.sql("DROP TABLE IF EXISTS paimon.session_test.p");
    spark.sql("CREATE TABLE paimon.session_test.p (id bigint, v string) TBLPROPERTIES ('primary-key'='id', 'bucket'='1')");
    spark.sql("INSERT INTO paimon.session_test.p VALUES (1, 'a'), (1, 'b')");
    List<Row> rows = spark.sql("SELECT v FROM paimon.session_test.p").collectAsList();
    assertEquals(List.of("b"), rows.stream().map(r -> r.getString(0)).toList());
    assertTrue(lake.session().paimonTable("session_test.p").options().get("path").startsWith("s3a://lake/paimon"),
        String.valueOf(lake.session().paimonTable("session_test.p").options()));

    // Paimon's procedures answer CALL although Iceberg is in the same session (stack.md's clash)
    lake.session().requirePaimonProcedures();
    assertTrue(spark.sql("CALL paimon.sys.compact(table => 'session_test.p')").first().getBoolean(0));
  }

  @Test
  void paimonExtensionIsAlwaysListedLast() {
    assertEquals("a.B," + LakehouseSession.PAIMON_EXTENSIONS,
        LakehouseSession.extensionsWithPaimonLast(LakehouseSession.PAIMON_EXTENSIONS + ", a.B"));
    assertEquals(LakehouseSession.PAIMON_EXTENSIONS, LakehouseSession.extensionsWithPaimonLast(""));
  }
}
