package io.historylane.starrocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.historylane.core.config.SecretValue;
import io.historylane.core.config.StarRocksConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connect, login failure and timeout handling against a real MySQL-protocol server: a private
 * MariaDB (Debian's mariadb-server, which .ci/run installs) started by this test in a temporary
 * folder on a free port. Skipped, saying why, where MariaDB is not installed.
 */
class MariaDbConnectionTest {
  private static final String USER = "historylane";
  private static final String PASSWORD = "maria-test-password-83b2";
  private static Process mariadb;
  private static Path dataDir;
  private static int port;

  @BeforeAll
  static void startMariaDb() throws Exception {
    Path server = Path.of("/usr/sbin/mariadbd");
    Path installDb = Path.of("/usr/bin/mariadb-install-db");
    assumeTrue(Files.isExecutable(server) && Files.isExecutable(installDb),
        "MariaDB is not installed (apt-get install mariadb-server; .ci/run does): real-server test skipped");
    dataDir = Files.createTempDirectory("historylane-mariadb");
    String osUser = System.getProperty("user.name");
    run(List.of(installDb.toString(), "--no-defaults", "--datadir=" + dataDir.resolve("data"), "--user=" + osUser,
        "--skip-test-db", "--auth-root-authentication-method=socket"), Duration.ofMinutes(2));
    Path init = dataDir.resolve("init.sql");
    Files.writeString(init, "CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';\n");
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    mariadb = new ProcessBuilder(server.toString(), "--no-defaults", "--datadir=" + dataDir.resolve("data"),
        "--user=" + osUser, "--bind-address=127.0.0.1", "--port=" + port, "--skip-networking=0",
        "--socket=" + dataDir.resolve("mariadb.sock"), "--pid-file=" + dataDir.resolve("mariadb.pid"),
        "--init-file=" + init, "--innodb-buffer-pool-size=16M", "--skip-log-bin")
        .redirectErrorStream(true).redirectOutput(dataDir.resolve("mariadb.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!accepting()) {
      assertTrue(mariadb.isAlive(), () -> "mariadbd exited: " + log());
      assertTrue(System.nanoTime() < deadline, () -> "mariadbd did not listen within 60 s: " + log());
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stopMariaDb() throws InterruptedException {
    if (mariadb != null) {
      mariadb.destroy();
      if (!mariadb.waitFor(30, TimeUnit.SECONDS)) {
        mariadb.destroyForcibly();
      }
    }
    if (dataDir != null) {
      try (var files = Files.walk(dataDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // a temp folder left behind is harmless
      }
    }
  }

  @Test
  void connectsAndLogsInWithNativePassword() {
    try (StarRocksSession session = new StarRocksSession(config(PASSWORD, Duration.ofSeconds(10), 1))) {
      List<Map<String, String>> rows = session.query("SELECT CURRENT_USER() AS U, ? AS V", "x'; DROP TABLE t; --");
      assertTrue(rows.get(0).get("U").startsWith(USER + "@"), rows.toString());
      // a bound parameter comes back as the value it was, never as SQL
      assertEquals("x'; DROP TABLE t; --", rows.get(0).get("V"));
    }
  }

  @Test
  void aWrongPasswordFailsAtOnceWithoutRetries() {
    long start = System.nanoTime();
    try (StarRocksSession session = new StarRocksSession(config("wrong-password", Duration.ofSeconds(10), 3))) {
      StarRocksException e = assertThrows(StarRocksException.class, () -> session.execute("SELECT 1"));
      assertEquals(StarRocksError.Kind.ACCESS_DENIED, e.error().kind());
      assertEquals(1045, e.error().code());
      assertEquals("28000", e.error().sqlState());
    }
    // one retry would have waited the 2 s poll interval first
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000, "not retried");
  }

  @Test
  void aStatementOutlastingTheSocketTimeoutIsRetriedThenFailsAsAConnectionError() {
    long start = System.nanoTime();
    try (StarRocksSession session = new StarRocksSession(config(PASSWORD, Duration.ofMillis(700), 1))) {
      StarRocksException e = assertThrows(StarRocksException.class, () -> session.execute("SELECT SLEEP(5)"));
      assertEquals(StarRocksError.Kind.CONNECTION, e.error().kind());
      assertEquals("08S01", e.error().sqlState());
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1400, "two attempts of 700 ms");
      // the session reconnects for the next statement
      assertEquals("1", session.execute("SELECT 1"));
    }
  }

  private static StarRocksConfig config(String password, Duration socketTimeout, int retries) {
    return new StarRocksConfig("jdbc:mysql://127.0.0.1:" + port + "/", USER, new SecretValue(password, "env TEST"), null,
        null, null, StarRocksConfig.Mode.ASYNC, Duration.ofSeconds(5), socketTimeout, Duration.ofMillis(100),
        Duration.ofSeconds(2), retries);
  }

  private static boolean accepting() {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String log() {
    try {
      return Files.readString(dataDir.resolve("mariadb.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void run(List<String> command, Duration timeout) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dataDir.resolve("install.log").toFile()).start();
    assertTrue(p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS), "mariadb-install-db timed out");
    assertEquals(0, p.exitValue(), () -> "mariadb-install-db failed: " + readQuietly(dataDir.resolve("install.log")));
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(unreadable)";
    }
  }
}
