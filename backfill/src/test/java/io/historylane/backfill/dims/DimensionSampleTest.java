package io.historylane.backfill.dims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.backfill.facts.FactBackfill;
import io.historylane.backfill.testing.SampleLake;
import io.historylane.backfill.testing.Scd2Reference;
import io.historylane.core.time.DateRange;
import io.historylane.testdata.ChangeEvent;
import io.historylane.testkit.TestLake;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The sample's employees built month by month out of order equal the reference; facts join to them as of their time. */
class DimensionSampleTest {
  private static final List<String> TRACKED = List.of("role", "commission_rate", "provider_id");
  private static final List<String> TYPE1 = List.of("full_name", "email", "hired_on");

  @Test
  void employeesBuiltMarchThenJanuaryThenFebruaryEqualTheReference() {
    TestLake lake = SampleLake.get();
    for (String[] month : new String[][] {{"2025-03-01", "2025-04-01"}, {"2024-12-01", "2025-02-01"}, {"2025-02-01", "2025-03-01"}}) {
      DimensionBackfillResult r = DimensionBackfill.in(lake.session()).table("dim_employee")
          .range(DateRange.parse(month[0], month[1])).runId("sample-dims").execute();
      assertTrue(r.verification().passed(), r.verification().violations().toString());
    }
    TreeSet<String> expected = Scd2Reference.versions(SampleLake.history().events("employees"), "employee_id", TRACKED,
        TYPE1, Long.MAX_VALUE);
    TreeSet<String> actual = new TreeSet<>();
    for (Row r : lake.spark().table("lake.history.dim_employee").collectAsList()) {
      actual.add(Scd2Reference.render(r, "employee_id", TRACKED, TYPE1));
    }
    TreeSet<String> missing = new TreeSet<>(expected);
    missing.removeAll(actual);
    TreeSet<String> extra = new TreeSet<>(actual);
    extra.removeAll(expected);
    assertTrue(missing.isEmpty() && extra.isEmpty(), "missing " + missing + "\nextra " + extra);
    assertTrue(DimensionVerifier.verify(lake.spark().table("lake.history.dim_employee"),
        lake.loaded().config().table("dim_employee")).passed());
    // the dimension as of a time, through the API and through the SQL a user copies
    Instant midFebruary = Instant.parse("2025-02-15T12:00:00Z");
    Dataset<Row> asOf = PointInTime.asOf(lake.spark().table("lake.history.dim_employee"), midFebruary);
    assertEquals(asOf.count(), asOf.select("employee_id").distinct().count(), "one version per key");
    assertEquals(asOf.count(), lake.spark().sql(PointInTime.asOfSql("lake.history.dim_employee", "2025-02-15 12:00:00"))
        .count());

    // point in time: every January sale joins the employee version valid when it was sold
    FactBackfill.in(lake.session()).table("sales").range(DateRange.parse("2025-01-01", "2025-02-01")).runId("asof").execute();
    Dataset<Row> sales = lake.spark().table("lake.history.sales")
        .filter("sold_at >= timestamp_ntz'2025-01-01 00:00:00' AND sold_at < timestamp_ntz'2025-02-01 00:00:00'");
    List<Row> joined = PointInTime.join(sales, "sold_at", lake.spark().table("lake.history.dim_employee"),
        List.of("employee_id"), ZoneOffset.UTC, "employee_").select("sale_id", "employee_id", "sold_at", "employee_role")
        .collectAsList();
    assertEquals(sales.count(), joined.size(), "one row per sale");
    List<ChangeEvent> employees = SampleLake.history().events("employees");
    int checked = 0;
    for (Row r : joined) {
      long at = r.<LocalDateTime>getAs("sold_at").toInstant(ZoneOffset.UTC).toEpochMilli();
      assertEquals(roleAt(employees, r.getLong(1), at), r.getAs("employee_role"), "sale " + r.get(0));
      checked++;
    }
    assertTrue(checked > 1000);
    // the SQL a user copies gives the same join
    sales.createOrReplaceTempView("january_sales");
    long viaSql = lake.spark().sql(PointInTime.joinSql("january_sales", "sold_at", "lake.history.dim_employee",
        "employee_id", "UTC")).filter("role IS NOT NULL").count();
    assertEquals(joined.stream().filter(r -> r.get(3) != null).count(), viaSql);
  }

  /** The employee's role at {@code at} straight from the truth: the last change committed by then. */
  private static String roleAt(List<ChangeEvent> events, long employee, long at) {
    return events.stream().filter(e -> e.key() == employee && "cudr".indexOf(e.op()) >= 0 && e.commitMillis() <= at)
        .max(Comparator.comparingLong(ChangeEvent::commitMillis).thenComparingLong(ChangeEvent::lsn)
            .thenComparingInt(e -> e.op() == 'r' ? 0 : 1))
        .filter(e -> e.op() != 'd').map(e -> (String) e.row().get("role")).orElse(null);
  }

}
