package io.historylane.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.app.Main;
import io.historylane.core.config.Environment;
import io.historylane.core.lake.WapBranch;
import io.historylane.core.report.ChangeKind;
import io.historylane.core.report.RunReport;
import io.historylane.core.report.TableReport;
import io.historylane.testkit.TestLake;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `historylane snapshot ...` end to end in process: arguments, config, the lake, output, exit codes and reports. */
class SnapshotCommandTest {
  private static final Pattern REPORT = Pattern.compile("report: (\\S+)");
  private static TestLake lake;
  private static Environment env;

  @BeforeAll
  static void tables() {
    lake = TestLake.get();
    lake.overlay("snap-cli", """
        catalogs: {operations-namespace: ops_cli}
        tables:
          cli_orders: {kind: table, iceberg: snap_cli.orders}
          cli_cdc: {kind: table, paimon: snap_cli.cdc}
        """);
    lake.spark().sql("CREATE NAMESPACE IF NOT EXISTS lake.snap_cli");
    lake.spark().sql("CREATE TABLE lake.snap_cli.orders (id BIGINT, v STRING) USING iceberg");
    lake.spark().sql("CREATE DATABASE IF NOT EXISTS paimon.snap_cli");
    lake.spark().sql("CREATE TABLE paimon.snap_cli.cdc (id BIGINT, v STRING) TBLPROPERTIES ('primary-key' = 'id', 'bucket' = '1')");
    lake.spark().sql("INSERT INTO lake.snap_cli.orders VALUES (1, 'a'), (2, 'b')");
    lake.spark().sql("INSERT INTO paimon.snap_cli.cdc VALUES (1, 'a')");
    env = name -> name.equals("HISTORYLANE_CREATOR") ? Optional.of("on-call@test") : lake.environment().get(name);
  }

  @Test
  void cutListShowVerifyAndDropACutOfAnIcebergAndAPaimonTable() {
    String asOf = Instant.now().toString();
    Run cut = run("snapshot", "cut", "--tables", "cli_*", "--as-of", asOf, "--name", "release-1");
    assertEquals(0, cut.code(), cut.err());
    assertTrue(cut.out().contains("cut release-1 as of") && cut.out().contains("2 created"), cut.out());
    RunReport report = cut.report();
    assertTrue(((Number) report.details().get("cut_ms")).longValue() > 0, "the cut's duration is reported");
    assertEquals(List.of("cli_orders", "cli_cdc"), report.tables().stream().map(TableReport::table).toList());
    assertEquals(1L, report.tables().get(0).counters().get("tags_created"));
    assertTrue(report.changeSet().isEmpty(), "a tag changes no data");

    Run again = run("snapshot", "cut", "--tables", "cli_*", "--as-of", asOf, "--name", "release-1");
    assertTrue(again.out().contains("0 created, 0 moved, 2 unchanged"), again.out());

    Run list = run("snapshot", "list");
    assertTrue(list.out().contains("release-1") && list.out().contains("on-call@test"), list.out());
    Run show = run("snapshot", "show", "release-1");
    assertTrue(show.out().contains("Spark SQL:  SELECT * FROM lake.snap_cli.orders VERSION AS OF 'release-1';"), show.out());
    assertTrue(show.out().contains("FOR VERSION AS OF 'tag:release-1';"), show.out());
    assertEquals(0, run("snapshot", "verify").code());

    Table orders = lake.session().icebergTable("snap_cli.orders");
    long first = orders.currentSnapshot().snapshotId();
    lake.spark().sql("INSERT INTO lake.snap_cli.orders VALUES (3, 'c')");
    orders.refresh();
    orders.manageSnapshots().replaceTag("release-1", orders.currentSnapshot().snapshotId()).commit();
    Run broken = run("snapshot", "verify", "release-1");
    assertEquals(1, broken.code());
    assertTrue(broken.err().contains("tag release-1 of cli_orders (iceberg snap_cli.orders) points at snapshot")
        && broken.err().contains("the cut was made at snapshot " + first), broken.err());

    Run planned = run("snapshot", "drop", "release-1", "--dry-run");
    assertEquals(0, planned.code());
    assertTrue(planned.out().contains("would remove tag release-1 in cli_cdc"), planned.out());
    orders.refresh();
    assertTrue(orders.refs().containsKey("release-1"));
    assertEquals(0, run("snapshot", "drop", "release-1").code());
    orders.refresh();
    assertFalse(orders.refs().containsKey("release-1"));
    assertTrue(run("snapshot", "list").out().contains("no cuts yet"));
  }

  @Test
  void badArgumentsFailWithExitTwoNamingTheProblem() {
    assertBadInput(run("snapshot", "cut", "--tables", "cli_orders", "--name", "x"), "give either --as-of");
    assertBadInput(run("snapshot", "cut", "--tables", "cli_orders", "--range", "2025-01-01..2025-03-01", "--every",
        "fortnight", "--name", "x-{date}"), "--every 'fortnight' is not a period");
    assertBadInput(run("snapshot", "cut", "--tables", "cli_orders", "--as-of", "2025-01-01", "--name", "x",
        "--retain", "forever"), "--retain 'forever' is not a duration");
    assertBadInput(run("snapshot", "cut", "--tables", "cli_*", "--as-of", "2020-01-01", "--name", "early"),
        "no snapshot at or before 2020-01-01T00:00:00Z in cli_orders (iceberg snap_cli.orders), cli_cdc");
    assertBadInput(run("snapshot", "publish", "--table", "cli_cdc", "--branch", "b"), "is a Paimon table");
    assertBadInput(run("snapshot", "show", "nothing-here"), "no cut named nothing-here");
  }

  @Test
  void publishChecksInADryRunThenFastForwardsMainAndHandsOnADataChange() {
    Table orders = lake.session().icebergTable("snap_cli.orders");
    WapBranch.ensure(orders, "wap_cli");
    lake.spark().sql("INSERT INTO " + WapBranch.sparkIdentifier("lake", "snap_cli.orders", "wap_cli") + " VALUES (9, 'z')");
    Run planned = run("snapshot", "publish", "--table", "cli_orders", "--branch", "wap_cli", "--dry-run");
    assertEquals(0, planned.code(), planned.err());
    assertTrue(planned.out().contains("would publish branch wap_cli of snap_cli.orders"), planned.out());
    assertTrue(planned.report().changeSet().isEmpty());

    Run published = run("snapshot", "publish", "--table", "cli_orders", "--branch", "wap_cli");
    assertEquals(0, published.code(), published.err());
    var change = published.report().changeSet().changes().get(0);
    assertEquals("cli_orders", change.table());
    assertEquals(ChangeKind.DATA, change.kind());
    orders.refresh();
    assertEquals(orders.currentSnapshot().snapshotId(), change.snapshotId());
    assertFalse(orders.refs().containsKey("wap_cli"));
  }

  private static void assertBadInput(Run run, String message) {
    assertEquals(2, run.code(), run.out() + run.err());
    assertTrue(run.err().contains(message), run.err());
  }

  private static Run run(String... args) {
    List<String> all = new ArrayList<>(List.of("--conf", lake.confFile().toString(), "--env", "minio,snap-cli"));
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Run(int code, String out, String err) {
    RunReport report() {
      Matcher m = REPORT.matcher(err);
      assertTrue(m.find(), "a report path in: " + err);
      return RunReport.read(Path.of(m.group(1)));
    }
  }
}
