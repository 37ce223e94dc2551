package io.historylane.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;
import java.util.Locale;

/**
 * The StarRocks FE that is told what changed. The password comes from an environment variable or
 * a file, never from this file or the command line.
 *
 * @param url {@code jdbc:mysql://fe-host:9030/}
 * @param mode sync waits for each materialized-view refresh in the statement; async polls
 *     information_schema.task_runs
 * @param socketTimeout must outlast the longest SYNC refresh
 */
public record StarRocksConfig(
    String url,
    String user,
    @JsonDeserialize(using = SecretDeserializers.FromEnv.class) SecretValue passwordEnv,
    @JsonDeserialize(using = SecretDeserializers.FromFile.class) SecretValue passwordFile,
    String icebergCatalog,
    String paimonCatalog,
    Mode mode,
    Duration connectTimeout,
    Duration socketTimeout,
    Duration refreshTimeout,
    Duration pollInterval,
    Integer retries) {

  public enum Mode {
    SYNC, ASYNC;

    @JsonCreator
    public static Mode parse(String text) {
      return Enums.parse(Mode.class, text);
    }

    @JsonValue
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public StarRocksConfig {
    ConfigProblem.require(url, "url", "set the FE address, e.g. jdbc:mysql://starrocks-fe:9030/");
    if (!url.startsWith("jdbc:mysql://")) {
      throw new ConfigProblem("url", "'" + url + "' is not a MySQL-protocol JDBC URL",
          "write jdbc:mysql://<fe-host>:9030/");
    }
    if (url.toLowerCase(Locale.ROOT).contains("password=")) {
      throw new ConfigProblem("url", "carries a password, which would reach logs and reports",
          "remove it from the URL and name the secret with password-env or password-file");
    }
    ConfigProblem.require(user, "user", "set the StarRocks user historylane logs in as");
    if (passwordEnv != null && passwordFile != null) {
      throw new ConfigProblem("password-file", "both password-env and password-file are set", "keep one");
    }
    if (icebergCatalog != null) {
      Identifiers.requireSimple(icebergCatalog, "iceberg-catalog");
    }
    if (paimonCatalog != null) {
      Identifiers.requireSimple(paimonCatalog, "paimon-catalog");
    }
    mode = mode == null ? Mode.ASYNC : mode;
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
    refreshTimeout = refreshTimeout == null ? Duration.ofMinutes(60) : refreshTimeout;
    socketTimeout = socketTimeout == null ? refreshTimeout.plusMinutes(5) : socketTimeout;
    pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
    retries = retries == null ? 3 : retries;
    if (mode == Mode.SYNC && socketTimeout.compareTo(refreshTimeout) <= 0) {
      throw new ConfigProblem("socket-timeout", "must be longer than refresh-timeout in sync mode,"
          + " or the connection drops while StarRocks is still refreshing", "raise socket-timeout above " + refreshTimeout);
    }
  }

  /** The password, or null when the user has none. */
  public SecretValue password() {
    return passwordEnv != null ? passwordEnv : passwordFile;
  }
}
