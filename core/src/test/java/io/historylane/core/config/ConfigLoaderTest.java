package io.historylane.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.historylane.core.error.BadInputException;
import io.historylane.core.error.ExitCode;
import io.historylane.testkit.TestLake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Path REPO_CONF = TestLake.repoRoot().resolve("conf/historylane.yaml");

  @TempDir Path dir;

  private Path write(String relative, String yaml) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, yaml);
    return file;
  }

  private static final String MINIMAL = """
      catalogs:
        iceberg: {type: hadoop, warehouse: wh}
      archive: {root: topics}
      tables:
        sales:
          kind: fact
          iceberg: history.sales
          source: {debezium: {topic: pg.public.sales}}
          keys: [sale_id]
          event-time: sold_at
      """;

  private static ConfigException loadFails(Path file, String env, Map<String, String> vars) {
    return assertThrows(ConfigException.class, () -> new ConfigLoader(Environment.of(vars)).load(file, env));
  }

  @Test
  void theShippedConfigLoadsInEveryEnvironment() {
    Map<String, String> vars = new HashMap<>();
    LoadedConfig local = new ConfigLoader(Environment.of(vars)).load(REPO_CONF, null);
    assertEquals("local", local.env());
    assertEquals(IcebergCatalogConfig.CatalogType.JDBC, local.config().catalogs().iceberg().type());
    assertTrue(local.config().tables().containsKey("sales"));
    assertEquals(TableKind.SCD2, local.config().table("dim_employee").kind());

    vars.put("AWS_ACCESS_KEY_ID", "id");
    vars.put("AWS_SECRET_ACCESS_KEY", "secret-value");
    LoadedConfig minio = new ConfigLoader(Environment.of(vars)).load(REPO_CONF, "minio");
    assertEquals("http://localhost:9000", minio.config().storage().endpoint());
    assertEquals("s3://lake/iceberg", minio.config().catalogs().iceberg().warehouse());

    vars.put("ICEBERG_REST_URI", "http://rest:8181");
    vars.put("LAKE_BUCKET", "company-lake");
    vars.put("CDC_ARCHIVE_BUCKET", "company-cdc");
    vars.put("STARROCKS_URL", "jdbc:mysql://fe:9030/");
    Path secretFile = dir.resolve("sr-password");
    vars.put("STARROCKS_PASSWORD_FILE", secretFile.toString());
    try {
      Files.writeString(secretFile, "prod-password\n");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    LoadedConfig prod = new ConfigLoader(Environment.of(vars)).load(REPO_CONF, "prod");
    assertEquals(IcebergCatalogConfig.CatalogType.REST, prod.config().catalogs().iceberg().type());
    assertEquals("prod-password", prod.config().starrocks().password().reveal());
  }

  @Test
  void anUnknownKeyNamesFileKeyAndSuggestion() throws IOException {
    Path file = write("conf/historylane.yaml", MINIMAL.replace("keys: [sale_id]", "keys: [sale_id]\n    bukket: {column: a, count: 2}"));
    ConfigException e = loadFails(file, null, Map.of());
    assertEquals("tables.sales.bukket", e.key());
    assertTrue(e.getMessage().startsWith(file.toString() + ": tables.sales.bukket: unknown key 'bukket' (did you mean 'bucket'?)"), e.getMessage());
    assertTrue(e.getMessage().contains("Fix:"), e.getMessage());
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
  }

  @Test
  void aMissingEnvironmentVariableNamesTheOverlayThatUsesIt() throws IOException {
    Path file = write("conf/historylane.yaml", MINIMAL);
    Path overlay = write("conf/env/minio.yaml", "storage:\n  endpoint: http://x:9000\n  access-key-env: MY_KEY\n  secret-key-env: MY_SECRET\n");
    ConfigException e = loadFails(file, "minio", Map.of("MY_KEY", "k"));
    assertEquals(overlay.toString(), e.file());
    assertEquals("storage.secret-key-env", e.key());
    assertTrue(e.getMessage().contains("environment variable MY_SECRET is not set"), e.getMessage());
    assertTrue(e.getMessage().contains("export MY_SECRET="), e.getMessage());

    Path withVar = write("conf/historylane.yaml", MINIMAL.replace("{root: topics}", "{root: '${ARCHIVE_ROOT}'}"));
    ConfigException missingVar = loadFails(withVar, null, Map.of());
    assertEquals("archive.root", missingVar.key());
    assertTrue(missingVar.getMessage().contains("ARCHIVE_ROOT is not set"), missingVar.getMessage());
  }

  @Test
  void substitutionUsesDefaultsAndEscapes() throws IOException {
    Path file = write("conf/historylane.yaml", MINIMAL.replace("{root: topics}", "{root: '${ROOT:-s3a://archive}/topics$${x}'}"));
    LoadedConfig loaded = new ConfigLoader(Environment.of(Map.of())).load(file, null);
    assertEquals("s3a://archive/topics${x}", loaded.config().archive().root());
  }

  @Test
  void missingRequiredValuesNameTheKeyAndTheFix() throws IOException {
    Path file = write("conf/historylane.yaml", MINIMAL.replace("    event-time: sold_at\n", ""));
    ConfigException e = loadFails(file, null, Map.of());
    assertEquals("tables.sales.event-time", e.key());
    assertTrue(e.getMessage().contains("missing. Fix: name the column whose day places a row"), e.getMessage());
  }

  @Test
  void wrongValueTypesNameTheKey() throws IOException {
    ConfigException count = loadFails(write("conf/historylane.yaml", MINIMAL + "    bucket: {column: provider_id, count: eight}\n"), null, Map.of());
    assertEquals("tables.sales.bucket.count", count.key());
    ConfigException size = loadFails(write("conf/historylane.yaml", MINIMAL + "    target-file-size: huge\n"), null, Map.of());
    assertEquals("tables.sales.target-file-size", size.key());
    assertTrue(size.getMessage().contains("'huge' is not a size"), size.getMessage());
    ConfigException kind = loadFails(write("conf/historylane.yaml", MINIMAL.replace("kind: fact", "kind: facts")), null, Map.of());
    assertTrue(kind.getMessage().contains("'facts' is not one of fact, scd2, table"), kind.getMessage());
    ConfigException zone = loadFails(write("conf/historylane.yaml", "timezone: Mars/Olympus\n" + MINIMAL), null, Map.of());
    assertEquals("timezone", zone.key());
  }

  @Test
  void injectionInNamesIsRejectedAtLoad() throws IOException {
    ConfigException e = loadFails(write("conf/historylane.yaml", MINIMAL.replace("iceberg: history.sales", "iceberg: \"history.sales; DROP TABLE x\"")), null, Map.of());
    assertEquals("tables.sales.iceberg", e.key());
    ConfigException mv = loadFails(write("conf/historylane.yaml", MINIMAL
        + "    starrocks: {materialized-views: [{name: \"a.`mv`\"}]}\n"), null, Map.of());
    assertEquals("tables.sales.starrocks.materialized-views[0].name", mv.key());
  }

  @Test
  void overlaysMergeKeyByKeyAndNullRemoves() throws IOException {
    Path file = write("conf/historylane.yaml", MINIMAL + "spark: {a: '1', b: '2'}\n");
    write("conf/env/dev.yaml", "spark: {b: '3', a: null}\ntimezone: Europe/Warsaw\n");
    LoadedConfig loaded = new ConfigLoader(Environment.of(Map.of())).load(file, "dev");
    assertEquals(Map.of("b", "3"), loaded.config().spark());
    assertEquals("Europe/Warsaw", loaded.config().timezone().getId());
    assertEquals(List.of(file, dir.resolve("conf/env/dev.yaml")), loaded.files());
  }

  @Test
  void anUnknownEnvironmentListsTheAvailableOnes() throws IOException {
    Path file = write("conf/historylane.yaml", MINIMAL);
    write("conf/env/minio.yaml", "{}");
    write("conf/env/local.yaml", "{}");
    ConfigException e = loadFails(file, "staging", Map.of());
    assertTrue(e.getMessage().contains("use one of [local, minio]"), e.getMessage());
  }

  @Test
  void brokenYamlNamesTheLine() throws IOException {
    Path file = write("conf/historylane.yaml", "catalogs:\n  iceberg: {type: hadoop\n");
    ConfigException e = loadFails(file, null, Map.of());
    assertTrue(e.getMessage().contains("not valid YAML at line"), e.getMessage());
  }

  @Test
  void configShowMasksEverySecret() throws IOException {
    Path file = write("conf/historylane.yaml", MINIMAL
        + "storage: {endpoint: 'http://minio:9000', access-key-env: KEY_ID, secret-key-env: SECRET_KEY}\n"
        + "starrocks: {url: 'jdbc:mysql://fe:9030/', user: hl, password-env: SR_PASSWORD}\n");
    write("conf/env/x.yaml", "catalogs:\n  iceberg:\n    properties: {s3.secret-access-key: '${RAW_SECRET}', client.timeout: '5'}\n"
        + "    uri: 'jdbc:postgresql://db/cat?password=${DB_PASSWORD}'\n");
    Map<String, String> vars = Map.of("KEY_ID", "AKIAEXAMPLE1", "SECRET_KEY", "s3-secret-value-1",
        "SR_PASSWORD", "starrocks-pw-2", "RAW_SECRET", "raw-secret-3", "DB_PASSWORD", "db-pw-4");
    LoadedConfig loaded = new ConfigLoader(Environment.of(vars)).load(file, "x");
    String shown = ConfigPrinter.toYaml(loaded);
    for (String secret : vars.values()) {
      assertFalse(shown.contains(secret), "secret leaked into config show:\n" + shown);
    }
    assertTrue(shown.contains("env SR_PASSWORD"), shown);
    assertTrue(shown.contains("client.timeout: \"5\"") || shown.contains("client.timeout: '5'") || shown.contains("client.timeout: 5"), shown);
    assertEquals("starrocks-pw-2", loaded.config().starrocks().password().reveal());
  }

  @Test
  void unknownTablesAreBadInputWithTheKnownNames() {
    LoadedConfig local = new ConfigLoader(Environment.of(Map.of())).load(REPO_CONF, "local");
    BadInputException e = assertThrows(BadInputException.class, () -> local.config().table("sale"));
    assertTrue(e.getMessage().startsWith("unknown table 'sale' (did you mean 'sales'?)"), e.getMessage());
    assertEquals(List.of("dim_employee", "dim_service", "dim_provider", "dim_customer"),
        local.config().selectTables("dim_*"));
    assertThrows(BadInputException.class, () -> local.config().selectTables("nothing_*"));
  }

  @Test
  void compactionPoliciesKeepTheOrphanAgeFloorAndDefaultTheirKnobs() throws IOException {
    ConfigException young = loadFails(write("young.yaml", MINIMAL + """
        compaction-policies:
          hasty: {orphan-min-age: 1d}
        """), null, Map.of());
    assertTrue(young.getMessage().contains("compaction-policies.hasty.orphan-min-age"), young.getMessage());
    assertTrue(young.getMessage().contains("3-day floor"), young.getMessage());

    ConfigException retries = loadFails(write("retries.yaml", MINIMAL + """
        compaction-policies:
          odd: {conflict-retries: -1}
        """), null, Map.of());
    assertTrue(retries.getMessage().contains("conflict-retries"), retries.getMessage());

    HistorylaneConfig config = new ConfigLoader(Environment.of(Map.of())).load(write("ok.yaml", MINIMAL + """
        compaction-policies:
          small: {target-file-size: 32KB, max-manifests: 8}
        """), null).config();
    CompactionPolicy small = config.compactionPolicies().get("small");
    assertEquals(8, small.maxManifests());
    assertEquals(2, small.conflictRetries());
    assertEquals(32 * 1024, small.targetFileSizeFor(config.table("sales")).bytes());
    assertEquals(128L << 20, CompactionPolicy.defaults().targetFileSizeFor(config.table("sales")).bytes(),
        "without a policy size, the table's own");
  }
}
