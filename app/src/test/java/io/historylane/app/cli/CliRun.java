package io.historylane.app.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.app.Main;
import io.historylane.core.report.RunReport;
import io.historylane.testkit.TestLake;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One command line run in-process against the test lake with an overlay: exit code, output, report. */
record CliRun(int exit, String out, String err) {
  static CliRun of(String overlay, String... args) {
    TestLake lake = TestLake.get();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] full = new String[args.length + 4];
    full[0] = "--conf";
    full[1] = lake.confFile().toString();
    full[2] = "--env";
    full[3] = "minio," + overlay;
    System.arraycopy(args, 0, full, 4, args.length);
    int exit = Main.run(full, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), lake.environment());
    return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  RunReport report() {
    Matcher m = Pattern.compile("report: (\\S+)").matcher(err);
    assertTrue(m.find(), err);
    return RunReport.read(Path.of(m.group(1)));
  }
}
