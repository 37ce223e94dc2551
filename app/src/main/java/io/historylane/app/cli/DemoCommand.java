package io.historylane.app.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.historylane.backfill.dims.DimensionBackfill;
import io.historylane.backfill.dims.DimensionBackfillResult;
import io.historylane.backfill.dims.PointInTime;
import io.historylane.backfill.facts.FactBackfill;
import io.historylane.backfill.facts.FactBackfillResult;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.report.Outcome;
import io.historylane.core.time.DateRange;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
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
      "rebuilds the employee dimension (type 2) from the same archive, and prints revenue by the",
      "role each employee had when they made the sale (a point-in-time join). Locally nothing but",
      "this repository is needed.",
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
    loaded.config().table("dim_employee");
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
    DimensionBackfillResult employees = ctx.recorder().step("backfill dims dim_employee", () ->
        DimensionBackfill.in(ctx.session()).table("dim_employee").runId(ctx.recorder().runId()).execute());
    DimensionReports.record(ctx.recorder(), employees);
    DimensionReports.print(ctx.out(), employees);
    printSummary(ctx, sales, employees);
    return StarRocksFollowUp.afterCommit(ctx, false);
  }

  private void printSummary(RunContext ctx, FactBackfillResult sales, DimensionBackfillResult employees) {
    String facts = ctx.session().icebergCatalogName() + "." + sales.identifier();
    String dimension = ctx.session().icebergCatalogName() + "." + employees.identifier();
    DateRange d = dates();
    String where = "sold_at >= timestamp_ntz'" + d.from() + " 00:00:00' AND sold_at < timestamp_ntz'" + d.to() + " 00:00:00'";
    Dataset<Row> month = ctx.session().spark().table(facts).filter(where);
    List<Row> byRole = PointInTime.join(month, "sold_at", ctx.session().spark().table(dimension), List.of("employee_id"),
            ctx.config().timezone(), "employee_")
        .groupBy("employee_role").agg(count(lit(1)).as("sales"), sum("amount").as("revenue"))
        .orderBy(col("revenue").desc()).collectAsList();
    ctx.out().println();
    ctx.out().println("Revenue " + d + " by the role the employee had when the sale was made:");
    for (Row r : byRole) {
      ctx.out().printf("  %-16s %5d sales  %10s EUR%n", r.isNullAt(0) ? "(not employed)" : r.getString(0), r.getLong(1),
          r.getDecimal(2).toPlainString());
    }
    ctx.out().println();
    ctx.out().println("The same as SQL (Spark):");
    ctx.out().println(PointInTime.joinSql(facts, "sold_at", dimension, "employee_id", ctx.config().timezone().getId())
        .indent(2));
  }
}
