package io.historylane.app.cli;

import io.historylane.backfill.dims.DimensionVerifier;
import io.historylane.backfill.dims.VerificationResult;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.config.TableConfig;
import io.historylane.core.config.TableKind;
import io.historylane.core.error.BadInputException;
import io.historylane.core.error.RunFailedException;
import io.historylane.core.report.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Check every slowly-changing-dimension invariant on a table.",
      "",
      "Versions ordered by valid_from; valid_from < valid_to; no overlap; no gap except a deletion",
      "period; at most one current version (exactly one unless the key's last event was a delete);",
      "no two adjacent versions equal in all tracked columns. Prints each violation (key and rows);",
      "exit 1 if there is any.",
      ""},
    footer = {"", "Example:", "  historylane verify --table dim_employee"})
final class VerifyCommand extends RunCommand {
  @Option(names = "--table", required = true, paramLabel = "NAME", description = "A registered scd2 table.")
  String table;

  @Override
  protected void validate(LoadedConfig loaded) {
    if (loaded.config().table(table).kind() != TableKind.SCD2) {
      throw new BadInputException("--table " + table + " is a " + loaded.config().table(table).kind().configName()
          + " table: verify checks slowly changing dimensions (kind scd2)");
    }
  }

  @Override
  protected Outcome execute(RunContext ctx) {
    TableConfig config = ctx.config().table(table);
    String identifier = ctx.session().icebergCatalogName() + "." + config.iceberg();
    ctx.session().icebergTable(config.iceberg());
    VerificationResult result = ctx.recorder().step("verify " + table, () ->
        DimensionVerifier.verify(ctx.session().spark().table(identifier), config));
    ctx.recorder().detail("verification", DimensionReports.verification(result));
    DimensionReports.print(ctx.out(), table, result);
    if (!result.passed()) {
      throw new RunFailedException(table + " breaks " + result.violationCount() + " invariant(s); the first: "
          + result.violations().get(0));
    }
    return Outcome.SUCCEEDED;
  }
}
