package io.historylane.core.session;

import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.config.IcebergCatalogConfig;
import io.historylane.core.config.IcebergCatalogConfig.CatalogType;
import io.historylane.core.config.PaimonCatalogConfig;
import io.historylane.core.config.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the catalogs and storage sections of the config into Spark and Hadoop settings. The same
 * settings serve the local disk, the in-test S3 server, MinIO and S3: only values differ.
 */
final class CatalogSettings {
  static final String ICEBERG_SPARK_CATALOG = "org.apache.iceberg.spark.SparkCatalog";
  static final String PAIMON_SPARK_CATALOG = "org.apache.paimon.spark.SparkCatalog";

  private CatalogSettings() {}

  /** {@code spark.sql.catalog.*} entries for the Iceberg and Paimon catalogs. */
  static Map<String, String> catalogConf(HistorylaneConfig config) {
    Map<String, String> conf = new LinkedHashMap<>();
    IcebergCatalogConfig iceberg = config.catalogs().iceberg();
    String prefix = "spark.sql.catalog." + iceberg.name();
    conf.put(prefix, ICEBERG_SPARK_CATALOG);
    switch (iceberg.type()) {
      case GLUE -> conf.put(prefix + ".catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
      default -> conf.put(prefix + ".type", iceberg.type().configName());
    }
    if (iceberg.uri() != null) {
      conf.put(prefix + ".uri", localJdbcUri(iceberg));
    }
    if (iceberg.warehouse() != null) {
      String warehouse = Locations.normalize(iceberg.warehouse());
      conf.put(prefix + ".warehouse", warehouse);
      if (warehouse.startsWith("s3://")) {
        s3FileIo(config.storage()).forEach((k, v) -> conf.put(prefix + "." + k, v));
      }
    }
    if (iceberg.type() == CatalogType.JDBC) {
      // V1 adds view support to the JDBC catalog schema (stack.md)
      conf.put(prefix + ".jdbc.schema-version", "V1");
    }
    // Every step reads the table's current metadata; a cached table would hide a concurrent commit.
    conf.put(prefix + ".cache-enabled", "false");
    iceberg.properties().forEach((k, v) -> conf.put(prefix + "." + k, v));

    PaimonCatalogConfig paimon = config.catalogs().paimon();
    if (paimon != null) {
      String p = "spark.sql.catalog." + paimon.name();
      conf.put(p, PAIMON_SPARK_CATALOG);
      conf.put(p + ".warehouse", Locations.normalize(paimon.warehouse()));
      conf.put(p + ".metastore", paimon.metastore());
      if (paimon.uri() != null) {
        conf.put(p + ".uri", paimon.uri());
      }
      paimon.properties().forEach((k, v) -> conf.put(p + "." + k, v));
    }
    return conf;
  }

  /** Hadoop settings: S3A for {@code s3a://} and {@code s3://} paths (archive, Paimon, listings). */
  static Map<String, String> hadoopConf(HistorylaneConfig config) {
    Map<String, String> conf = new LinkedHashMap<>();
    // one filesystem for both schemes, so a path seen as s3:// and as s3a:// is the same object
    conf.put("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
    StorageConfig storage = config.storage();
    if (!storage.configured()) {
      return conf;
    }
    if (storage.endpoint() != null) {
      conf.put("fs.s3a.endpoint", storage.endpoint());
    }
    conf.put("fs.s3a.endpoint.region", storage.region());
    conf.put("fs.s3a.path.style.access", String.valueOf(storage.pathStyleAccess()));
    conf.put("fs.s3a.connection.ssl.enabled", String.valueOf(storage.sslEnabled()));
    if (storage.accessKeyEnv() != null) {
      conf.put("fs.s3a.access.key", storage.accessKeyEnv().reveal());
      conf.put("fs.s3a.secret.key", storage.secretKeyEnv().reveal());
      conf.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    }
    return conf;
  }

  private static Map<String, String> s3FileIo(StorageConfig storage) {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    if (storage.endpoint() != null) {
      conf.put("s3.endpoint", storage.endpoint());
    }
    conf.put("s3.path-style-access", String.valueOf(storage.pathStyleAccess()));
    conf.put("client.region", storage.region());
    if (storage.accessKeyEnv() != null) {
      conf.put("s3.access-key-id", storage.accessKeyEnv().reveal());
      conf.put("s3.secret-access-key", storage.secretKeyEnv().reveal());
    }
    return conf;
  }

  /** A relative SQLite file becomes absolute and gets its folder, so every process finds the same catalog. */
  private static String localJdbcUri(IcebergCatalogConfig iceberg) {
    String uri = iceberg.uri();
    String sqlite = "jdbc:sqlite:";
    if (!uri.startsWith(sqlite) || uri.startsWith(sqlite + ":memory:")) {
      return uri;
    }
    String rest = uri.substring(sqlite.length());
    int query = rest.indexOf('?');
    String file = query < 0 ? rest : rest.substring(0, query);
    String params = query < 0 ? "" : rest.substring(query);
    Path path = Path.of(file.startsWith("file:") ? file.substring(5) : file).toAbsolutePath().normalize();
    try {
      Files.createDirectories(path.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of the catalog database " + path, e);
    }
    return sqlite + path + params;
  }
}
