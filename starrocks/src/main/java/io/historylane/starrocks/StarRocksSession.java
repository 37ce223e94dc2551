package io.historylane.starrocks;

import io.historylane.core.config.StarRocksConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JDBC connection to the StarRocks FE through mysql-connector-j, opened on first use. A
 * connection failure (SQLSTATE 08xxx: refused, dropped, socket timeout) reconnects and retries the
 * statement up to {@code starrocks.retries} times with backoff; anything else fails at once. The
 * password goes to the driver in its properties, never into the URL, a log line or a message.
 */
final class StarRocksSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StarRocksSession.class);

  private final StarRocksConfig config;
  private Connection connection;

  StarRocksSession(StarRocksConfig config) {
    this.config = config;
  }

  /**
   * Runs a statement; returns the first column of its first row when it returns rows (the
   * {@code QUERY_ID} of a materialized-view refresh), else null. Uses {@code execute}: Connector/J
   * refuses {@code executeQuery} for statements it does not know to return rows.
   */
  String execute(String sql) {
    return withRetries(sql, c -> {
      try (Statement s = c.createStatement()) {
        if (!s.execute(sql)) {
          return null;
        }
        try (ResultSet rs = s.getResultSet()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  /** Runs a query with {@code ?} parameters (bound by the driver, so values are quoted) and returns its rows. */
  List<Map<String, String>> query(String sql, String... parameters) {
    return withRetries(sql, c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < parameters.length; i++) {
          s.setString(i + 1, parameters[i]);
        }
        try (ResultSet rs = s.executeQuery()) {
          ResultSetMetaData meta = rs.getMetaData();
          List<Map<String, String>> rows = new ArrayList<>();
          while (rs.next()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              row.put(meta.getColumnLabel(i).toUpperCase(java.util.Locale.ROOT), rs.getString(i));
            }
            rows.add(row);
          }
          return rows;
        }
      }
    });
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T withRetries(String sql, Work<T> work) {
    Backoff backoff = new Backoff(config.pollInterval(), Duration.ofSeconds(30));
    for (int attempt = 0; ; attempt++) {
      try {
        return work.run(connection());
      } catch (SQLException e) {
        StarRocksError error = StarRocksError.of(e);
        if (error.kind() == StarRocksError.Kind.CONNECTION) {
          closeQuietly();
          if (attempt < config.retries()) {
            LOG.warn("StarRocks connection failed ({}), retry {} of {}: {}", error.message(), attempt + 1,
                config.retries(), sql);
            backoff.pause();
            continue;
          }
        }
        throw new StarRocksException(error, e);
      }
    }
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Properties props = new Properties();
      props.setProperty("user", config.user());
      if (config.password() != null) {
        props.setProperty("password", config.password().reveal());
      }
      props.setProperty("connectTimeout", String.valueOf(config.connectTimeout().toMillis()));
      props.setProperty("socketTimeout", String.valueOf(config.socketTimeout().toMillis()));
      // the driver class directly: DriverManager may not see a driver loaded by spark-submit's class loader
      connection = new com.mysql.cj.jdbc.Driver().connect(config.url(), props);
      if (connection == null) {
        throw new SQLException("mysql-connector-j does not accept the URL " + config.url(), "08001");
      }
    }
    return connection;
  }

  private void closeQuietly() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("closing a broken StarRocks connection", e);
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }
}
