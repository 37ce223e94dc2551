package io.historylane.core.session;

import io.historylane.core.config.HistorylaneConfig;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.error.RunFailedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.paimon.catalog.Identifier;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * The SparkSession a run works in, with the configured Iceberg and Paimon catalogs. Builds one
 * (local or under spark-submit) or joins the one that exists, adding the catalogs at runtime.
 *
 * <p>Iceberg's and Paimon's session extensions both claim every {@code CALL} statement, and the
 * last one listed wins (stack.md). historylane drives Iceberg through its Java API only
 * (SparkActions, manageSnapshots) and keeps {@code CALL} for Paimon, so Paimon's extension is
 * always listed last.
 */
public final class LakehouseSession implements AutoCloseable {
  static final String PAIMON_EXTENSIONS = "org.apache.paimon.spark.extensions.PaimonSparkSessionExtensions";
  /**
   * Spark always computes in UTC: Debezium encodes wall-clock timestamps as if they were UTC, and
   * casting them to TIMESTAMP_NTZ is exact only in a UTC session. The configured time zone applies
   * where people meet time: command-line dates and ranges, converted in Java.
   */
  public static final String SESSION_TIME_ZONE = "UTC";
  private static final Logger LOG = LoggerFactory.getLogger(LakehouseSession.class);

  private final SparkSession spark;
  private final HistorylaneConfig config;
  private final boolean owned;

  private LakehouseSession(SparkSession spark, HistorylaneConfig config, boolean owned) {
    this.spark = spark;
    this.config = config;
    this.owned = owned;
  }

  public static LakehouseSession open(LoadedConfig loaded, String appName) {
    HistorylaneConfig config = loaded.config();
    Option<SparkSession> existing = SparkSession.getActiveSession();
    if (existing.isEmpty()) {
      existing = SparkSession.getDefaultSession();
    }
    if (existing.isDefined()) {
      SparkSession spark = existing.get();
      CatalogSettings.catalogConf(config).forEach((k, v) -> spark.conf().set(k, v));
      CatalogSettings.hadoopConf(config).forEach((k, v) -> spark.sparkContext().hadoopConfiguration().set(k, v));
      spark.conf().set("spark.sql.session.timeZone", SESSION_TIME_ZONE);
      return new LakehouseSession(spark, config, false);
    }
    SparkConf submitted = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (!submitted.contains("spark.master")) {
      builder.master("local[*]");
    }
    boolean local = submitted.get("spark.master", "local[*]").startsWith("local");
    if (local) {
      // Spark's defaults are sized for clusters: in one JVM, 200 shuffle partitions turn every small
      // stage into 200 tasks, and reading a few thousand archive files lists them in a job of one
      // task per file (up to 10,000 tasks)
      String tasks = String.valueOf(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
      for (String key : List.of("spark.sql.shuffle.partitions", "spark.sql.sources.parallelPartitionDiscovery.parallelism")) {
        if (!config.spark().containsKey(key)) {
          builder.config(key, tasks);
        }
      }
    }
    builder.config("spark.sql.session.timeZone", SESSION_TIME_ZONE);
    config.spark().forEach(builder::config);
    builder.config("spark.sql.extensions", extensionsWithPaimonLast(submitted.get("spark.sql.extensions", "")));
    CatalogSettings.catalogConf(config).forEach(builder::config);
    CatalogSettings.hadoopConf(config).forEach((k, v) -> builder.config("spark.hadoop." + k, v));
    long start = System.nanoTime();
    SparkSession spark = builder.getOrCreate();
    LOG.info("Spark {} session started in {} ms (master {})", spark.version(),
        (System.nanoTime() - start) / 1_000_000, spark.sparkContext().master());
    return new LakehouseSession(spark, config, true);
  }

  static String extensionsWithPaimonLast(String configured) {
    List<String> list = new ArrayList<>();
    for (String ext : configured.split(",")) {
      String e = ext.trim();
      if (!e.isEmpty() && !e.equals(PAIMON_EXTENSIONS)) {
        list.add(e);
      }
    }
    list.add(PAIMON_EXTENSIONS);
    return String.join(",", list);
  }

  public SparkSession spark() {
    return spark;
  }

  public HistorylaneConfig config() {
    return config;
  }

  public String icebergCatalogName() {
    return config.catalogs().iceberg().name();
  }

  public String paimonCatalogName() {
    if (config.catalogs().paimon() == null) {
      throw new BadInputException("no Paimon catalog is configured: add catalogs.paimon.warehouse to the config");
    }
    return config.catalogs().paimon().name();
  }

  public Catalog icebergCatalog() {
    return Spark3Util.loadIcebergCatalog(spark, icebergCatalogName());
  }

  /** The Iceberg table {@code namespace.table}, loaded fresh from the catalog. */
  public Table icebergTable(String identifier) {
    try {
      return icebergCatalog().loadTable(TableIdentifier.parse(identifier));
    } catch (NoSuchTableException e) {
      throw new BadInputException("Iceberg table " + icebergCatalogName() + "." + identifier
          + " does not exist: run the backfill that creates it, or check the name in the config");
    }
  }

  public boolean icebergTableExists(String identifier) {
    return icebergCatalog().tableExists(TableIdentifier.parse(identifier));
  }

  public org.apache.paimon.catalog.Catalog paimonCatalog() {
    Object catalog = spark.sessionState().catalogManager().catalog(paimonCatalogName());
    return ((org.apache.paimon.spark.SparkCatalog) catalog).paimonCatalog();
  }

  /** The Paimon table {@code database.table}. */
  public org.apache.paimon.table.Table paimonTable(String identifier) {
    try {
      return paimonCatalog().getTable(Identifier.fromString(identifier));
    } catch (org.apache.paimon.catalog.Catalog.TableNotExistException e) {
      throw new BadInputException("Paimon table " + paimonCatalogName() + "." + identifier
          + " does not exist: check the name in the config and the Paimon warehouse");
    }
  }

  /** Fails with advice when Paimon's CALL procedures are not reachable in a joined session. */
  public void requirePaimonProcedures() {
    String extensions = spark.conf().get("spark.sql.extensions", "");
    List<String> list = Arrays.stream(extensions.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (list.isEmpty() || !list.get(list.size() - 1).equals(PAIMON_EXTENSIONS)) {
      throw new RunFailedException("Paimon procedures (CALL) need " + PAIMON_EXTENSIONS
          + " as the last entry of spark.sql.extensions; start the session with --conf spark.sql.extensions="
          + extensionsWithPaimonLast(extensions));
    }
  }


  @Override
  public void close() {
    if (owned) {
      spark.stop();
    }
  }
}
