package io.historylane.backfill.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.backfill.testing.ExpectedFacts;
import io.historylane.backfill.testing.SampleLake;
import io.historylane.core.lake.TableChecksum;
import io.historylane.core.time.DateRange;
import io.historylane.testkit.TestLake;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class FactBackfillTest {
  private static final List<String> SALES_COLUMNS = List.of("sale_id", "provider_id", "employee_id", "customer_id",
      "service_id", "appointment_id", "sold_at", "amount", "currency", "payment_method", "updated_at", "tip");

  @Test
  void januaryEqualsTheIndependentlyComputedFacts() {
    TestLake lake = SampleLake.get();
    DateRange january = DateRange.parse("2025-01-01", "2025-02-01");
    FactBackfillResult result = FactBackfill.in(lake.session()).table("sales").range(january).runId("t-jan").execute();
    List<Row> rows = lake.spark().table("lake.history.sales")
        .filter("sold_at >= timestamp_ntz'2025-01-01 00:00:00' AND sold_at < timestamp_ntz'2025-02-01 00:00:00'")
        .collectAsList();
    TreeSet<String> expected = ExpectedFacts.of(SampleLake.history(), "sales", "sold_at",
        LocalDate.parse("2025-01-01"), LocalDate.parse("2025-02-01"), Long.MAX_VALUE, SALES_COLUMNS);
    assertEquals(expected.size(), rows.size());
    assertEquals(expected, ExpectedFacts.ofRows(rows, SALES_COLUMNS));
    assertEquals(31, result.changedDays().size());
    assertTrue(result.sourceFiles() > 0, "files read");
    System.out.println(result);
  }
}
