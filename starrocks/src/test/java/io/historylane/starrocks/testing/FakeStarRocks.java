package io.historylane.starrocks.testing;

import io.historylane.starrocks.testing.MySqlWireServer.Drop;
import io.historylane.starrocks.testing.MySqlWireServer.Error;
import io.historylane.starrocks.testing.MySqlWireServer.Ok;
import io.historylane.starrocks.testing.MySqlWireServer.Reply;
import io.historylane.starrocks.testing.MySqlWireServer.Rows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in StarRocks FE for tests: the MySQL wire protocol ({@link MySqlWireServer}) answering
 * as StarRocks does (starrocks.md): REFRESH EXTERNAL TABLE and REFRESH MATERIALIZED VIEW with
 * StarRocks' error codes and texts, a QUERY_ID result set, information_schema.task_runs rows that
 * follow a script poll by poll, inactive MVs, views and tables for a view flip. Tests script it,
 * then assert the exact statements it received ({@link #statements()}).
 */
public final class FakeStarRocks implements AutoCloseable {
  public static final String USER = "historylane";
  public static final String PASSWORD = "sr-test-password-5e1c";

  private static final Pattern EXTERNAL = Pattern.compile("(?i)REFRESH EXTERNAL TABLE (\\S+)");
  private static final Pattern MV = Pattern.compile("(?i)REFRESH MATERIALIZED VIEW (\\S+)(.*)");
  private static final Pattern ACTIVATE = Pattern.compile("(?i)ALTER MATERIALIZED VIEW (\\S+) ACTIVE");
  private static final Pattern TASK_RUNS = Pattern.compile("(?is)SELECT .* FROM information_schema.task_runs WHERE (QUERY_ID|JOB_ID) = '([^']*)'");
  private static final Pattern PROBE = Pattern.compile("(?i)SELECT 1 FROM (\\S+) LIMIT 1");
  private static final Pattern SHOW_VIEW = Pattern.compile("(?i)SHOW CREATE VIEW (\\S+)");
  private static final Pattern ALTER_VIEW = Pattern.compile("(?i)ALTER VIEW (\\S+) AS (.*)");
  private static final Pattern VARIABLE = Pattern.compile("@@(?:session\\.|global\\.)?(\\w+)(?:\\s+AS\\s+(\\w+))?");
  private static final List<String> TASK_RUN_COLUMNS = List.of("QUERY_ID", "JOB_ID", "STATE", "ERROR_CODE", "ERROR_MESSAGE");

  /** One refresh's task runs: per poll, the state of each run of its job. */
  private record TaskRun(String queryId, String jobId, List<List<String>> polls, String errorMessage, AtomicInteger seen) {}

  private final MySqlWireServer server;
  private final Set<String> tables = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> tableRows = new ConcurrentHashMap<>();
  private final Map<String, Boolean> mvActive = new ConcurrentHashMap<>();
  private final Map<String, String> views = new ConcurrentHashMap<>();
  private final Map<String, TaskRun> runsByQuery = new ConcurrentHashMap<>();
  private final Map<String, TaskRun> runsByJob = new ConcurrentHashMap<>();
  private final AtomicInteger refreshes = new AtomicInteger();
  private final AtomicInteger dropsLeft = new AtomicInteger();
  private volatile List<List<String>> nextScript = List.of(List.of("SUCCESS"));
  private volatile String failureMessage;
  private volatile int failuresLeft;
  private volatile long delayMillis;

  private FakeStarRocks() throws IOException {
    server = new MySqlWireServer(USER, PASSWORD, this::answer);
  }

  public static FakeStarRocks start() {
    try {
      return new FakeStarRocks();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return server.url();
  }

  public MySqlWireServer wire() {
    return server;
  }

  /** An external table StarRocks can see, {@code catalog.db.table}, holding {@code rows} rows. */
  public FakeStarRocks table(String name, long rows) {
    tables.add(name);
    tableRows.put(name, rows);
    return this;
  }

  public FakeStarRocks table(String name) {
    return table(name, 1);
  }

  public FakeStarRocks materializedView(String name) {
    mvActive.put(name, true);
    return this;
  }

  /** An MV whose base table was recreated: refreshing it fails until it is re-activated. */
  public FakeStarRocks inactiveMaterializedView(String name) {
    mvActive.put(name, false);
    return this;
  }

  public FakeStarRocks view(String name, String definition) {
    views.put(name, definition);
    return this;
  }

  /**
   * How the task runs of every later MV refresh look, poll by poll (the last poll repeats): each
   * entry lists the state of each run of the job; a refresh by QUERY_ID sees the first run only.
   */
  @SafeVarargs
  public final FakeStarRocks taskRunPolls(List<String>... polls) {
    nextScript = List.of(polls);
    return this;
  }

  /** The next {@code times} MV refreshes fail: in sync mode with an error, in async mode as a FAILED task run. */
  public FakeStarRocks failRefreshes(int times, String message) {
    failuresLeft = times;
    failureMessage = message;
    return this;
  }

  /** Every REFRESH answers after {@code millis}. */
  public FakeStarRocks slow(long millis) {
    delayMillis = millis;
    return this;
  }

  /** The next {@code n} statements (not the driver's start-up queries) drop the connection instead of answering. */
  public FakeStarRocks dropNext(int n) {
    dropsLeft.set(n);
    return this;
  }

  public String viewDefinition(String name) {
    return views.get(name);
  }

  /** What historylane sent, in order: everything received except mysql-connector-j's own session set-up. */
  public List<String> statements() {
    return server.received().stream().filter(s -> !isDriverChatter(s)).toList();
  }

  public int logins() {
    return server.logins();
  }

  private static boolean isDriverChatter(String sql) {
    String s = sql.replaceFirst("^/\\*.*?\\*/", "").replaceAll("\\s+", " ").trim().toUpperCase();
    return s.startsWith("SET ") || s.startsWith("SELECT @@") || s.startsWith("SHOW WARNINGS");
  }

  private Reply answer(String sql) {
    if (isDriverChatter(sql)) {
      return driverAnswer(sql);
    }
    if (dropsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return new Drop();
    }
    Matcher m;
    if ((m = EXTERNAL.matcher(sql)).matches()) {
      return slowed(refreshExternal(plain(m.group(1))));
    } else if ((m = MV.matcher(sql)).matches()) {
      return slowed(refreshMv(plain(m.group(1)), m.group(2).toUpperCase().contains("WITH SYNC MODE")));
    } else if ((m = TASK_RUNS.matcher(sql)).matches()) {
      return taskRuns(m.group(1).equalsIgnoreCase("QUERY_ID"), m.group(2));
    } else if ((m = ACTIVATE.matcher(sql)).matches()) {
      return mvActive.replace(plain(m.group(1)), true) != null ? new Ok() : unknownMv(plain(m.group(1)));
    } else if ((m = PROBE.matcher(sql)).matches()) {
      return probe(plain(m.group(1)));
    } else if ((m = SHOW_VIEW.matcher(sql)).matches()) {
      String view = plain(m.group(1));
      String definition = views.get(view);
      return definition == null ? unknownTable(view)
          : new Rows(List.of("View", "Create View", "character_set_client", "collation_connection"),
              List.of(List.of(view.substring(view.indexOf('.') + 1), definition, "utf8", "utf8_general_ci")));
    } else if ((m = ALTER_VIEW.matcher(sql)).matches()) {
      String view = plain(m.group(1));
      return views.replace(view, "CREATE VIEW " + m.group(1) + " AS " + m.group(2)) != null ? new Ok() : unknownTable(view);
    }
    return new Error(1064, "42000", "Getting syntax error at line 1. Detail message: Unexpected input '"
        + sql.split("\\s+")[0] + "'.");
  }

  private Reply refreshExternal(String name) {
    String catalog = name.substring(0, name.indexOf('.'));
    if (tables.stream().noneMatch(t -> t.startsWith(catalog + "."))) {
      return new Error(5078, "42000", "Unknown catalog '" + catalog + "'");
    }
    if (!tables.contains(name)) {
      return unknownTable(name.substring(catalog.length() + 1));
    }
    return new Ok();
  }

  private Reply refreshMv(String name, boolean sync) {
    Boolean active = mvActive.get(name);
    if (active == null) {
      return unknownMv(name);
    }
    if (!active) {
      return new Error(1064, "HY000", "Refresh materialized view failed because [" + name + "] is not active. You can"
          + " try to active it with ALTER MATERIALIZED VIEW " + name + " ACTIVE; ");
    }
    int n = refreshes.incrementAndGet();
    String queryId = String.format("5a1c0de0-%04d-11ef-8000-00163e0e0e0e", n);
    boolean fail = failuresLeft > 0;
    if (fail) {
      failuresLeft--;
    }
    if (sync) {
      return fail ? new Error(1064, "HY000", "execute task mv-" + n + " failed: " + failureMessage)
          : new Rows(List.of("QUERY_ID"), List.of(List.of(queryId)));
    }
    List<List<String>> polls = fail ? List.of(List.of("RUNNING"), List.of("FAILED")) : nextScript;
    TaskRun run = new TaskRun(queryId, "job-" + n, polls, fail ? failureMessage : null, new AtomicInteger());
    runsByQuery.put(queryId, run);
    runsByJob.put(run.jobId(), run);
    return new Rows(List.of("QUERY_ID"), List.of(List.of(queryId)));
  }

  private Reply taskRuns(boolean byQuery, String id) {
    TaskRun run = byQuery ? runsByQuery.get(id) : runsByJob.get(id);
    if (run == null) {
      return new Rows(TASK_RUN_COLUMNS, List.of());
    }
    List<String> states = run.polls().get(Math.min(run.seen().getAndIncrement(), run.polls().size() - 1));
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < (byQuery ? 1 : states.size()); i++) {
      String state = states.get(i);
      boolean failed = state.equals("FAILED");
      List<String> row = new ArrayList<>(List.of(i == 0 ? run.queryId() : run.queryId() + "-" + i, run.jobId(), state));
      row.add(failed ? "-1" : "0");
      row.add(failed ? run.errorMessage() : null);
      rows.add(row);
    }
    return new Rows(TASK_RUN_COLUMNS, rows);
  }

  private Reply probe(String name) {
    Long rows = tableRows.get(name);
    if (rows == null) {
      return unknownTable(name);
    }
    return new Rows(List.of("1"), rows > 0 ? List.of(List.of("1")) : List.of());
  }

  private Reply slowed(Reply reply) {
    return delayMillis > 0 ? new MySqlWireServer.Delayed(delayMillis, reply) : reply;
  }

  private static Error unknownTable(String name) {
    return new Error(5502, "42602", "Getting analyzing error. Detail message: Unknown table '" + name + "'.");
  }

  private static Error unknownMv(String name) {
    return new Error(1064, "42000", "Getting analyzing error. Detail message: Can not find materialized view:"
        + name.substring(name.indexOf('.') + 1) + ".");
  }

  /** Answers mysql-connector-j's start-up queries: SET is fine, SELECT @@x gets a plausible value. */
  private static Reply driverAnswer(String sql) {
    if (!sql.toUpperCase().contains("@@")) {
      return sql.toUpperCase().contains("SHOW WARNINGS") ? new Rows(List.of("Level", "Code", "Message"), List.of()) : new Ok();
    }
    Map<String, String> values = new HashMap<>(Map.of("max_allowed_packet", "67108864", "auto_increment_increment", "1",
        "character_set_client", "utf8mb4", "character_set_connection", "utf8mb4", "character_set_server", "utf8mb4",
        "collation_server", "utf8mb4_general_ci", "collation_connection", "utf8mb4_general_ci",
        "transaction_isolation", "REPEATABLE-READ", "time_zone", "UTC", "system_time_zone", "UTC"));
    values.putAll(Map.of("sql_mode", "ONLY_FULL_GROUP_BY", "lower_case_table_names", "0", "wait_timeout", "28800",
        "interactive_timeout", "3600", "net_write_timeout", "60", "query_cache_type", "OFF", "query_cache_size", "0",
        "license", "Apache License 2.0", "performance_schema", "0", "init_connect", ""));
    List<String> columns = new ArrayList<>();
    List<String> row = new ArrayList<>();
    Matcher m = VARIABLE.matcher(sql);
    while (m.find()) {
      columns.add(m.group(2) != null ? m.group(2) : "@@" + m.group(1));
      row.add(m.group(1).equals("character_set_results") ? null : values.getOrDefault(m.group(1), "0"));
    }
    return new Rows(columns, List.of(row));
  }

  private static String plain(String quoted) {
    return quoted.replace("`", "");
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
