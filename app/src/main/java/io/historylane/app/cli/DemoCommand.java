package io.historylane.app.cli;

import io.historylane.backfill.facts.FactBackfill;
import io.historylane.backfill.facts.FactBackfillResult;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.report.Outcome;
import io.historylane.core.time.DateRange;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Run the lane end to end on the committed sample data.",
      "",
      "Loads the sample (a salon marketplace, test-data/samples) where the config expects history,",
      "backfills the sales fact table for a month from the Debezium Avro archive into Iceberg,",
      "and prints what it built. Locally nothing but this repository is needed.",
      ""},
    footer = {"", "Example:", "  bin/historylane demo", "  bin/historylane --env minio demo"})
final class DemoCommand extends RunCommand {
  @Mixin RangeOptions range;

  @Option(names = "--sample", paramLabel = "DIR", defaultValue = "test-data/samples",
      description = "The sample folder (default: ${DEFAULT-VALUE}).")
  Path sample;

  private DateRange dates() {
    return range.given() ? range.range() : DateRange.parse("2025-01-01", "2025-02-01");
  }

  @Override
  protected void validate(LoadedConfig loaded) {
    dates();
    loaded.config().table("sales");
  }

  @Override
  protected Outcome execute(RunContext ctx) {
    List<String> loaded = ctx.recorder().step("load sample", () ->
        SampleLoader.load(ctx.config(), ctx.session().spark().sparkContext().hadoopConfiguration(), sample));
    ctx.recorder().detail("sample_loaded", loaded);
    FactBackfillResult sales = ctx.recorder().step("backfill facts sales", () -> FactBackfill.in(ctx.session())
        .table("sales").range(dates()).runId(ctx.recorder().runId()).execute());
    BackfillReports.record(ctx.recorder(), sales);
    BackfillReports.print(ctx.out(), sales);
    printSummary(ctx, sales);
    return Outcome.SUCCEEDED;
  }

  private void printSummary(RunContext ctx, FactBackfillResult sales) {
    String table = ctx.session().icebergCatalogName() + "." + sales.identifier();
    DateRange d = dates();
    String where = "sold_at >= timestamp_ntz'" + d.from() + " 00:00:00' AND sold_at < timestamp_ntz'" + d.to() + " 00:00:00'";
    List<Row> top = ctx.session().spark().sql("SELECT employee_id, count(*) AS sales, sum(amount) AS revenue FROM " + table
        + " WHERE " + where + " GROUP BY employee_id ORDER BY revenue DESC, employee_id LIMIT 5").collectAsList();
    ctx.out().println();
    ctx.out().println("Top employees by revenue " + d + " (from " + table + "):");
    for (Row r : top) {
      ctx.out().printf("  employee %-5d %4d sales  %10s EUR%n", r.getLong(0), r.getLong(1), r.getDecimal(2).toPlainString());
    }
    ctx.out().println();
    ctx.out().println("Query it yourself: spark.sql(\"SELECT * FROM " + table + " WHERE " + where + "\")");
  }
}
