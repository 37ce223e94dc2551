package io.historylane.testkit;

import io.historylane.core.config.ConfigLoader;
import io.historylane.core.config.Environment;
import io.historylane.core.config.LoadedConfig;
import io.historylane.core.session.LakehouseSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * The test JVM's lakehouse: the in-JVM S3 server, and one SparkSession opened through
 * {@link LakehouseSession} from the project's own {@code conf/historylane.yaml} with the
 * {@code minio} overlay, exactly as a user runs against MinIO. Tests that need their own tables
 * add an overlay with {@link #overlay} and load it with {@link #load}.
 */
public final class TestLake {
  public static final String BUCKET = "lake";
  private static TestLake shared;

  private final S3Server s3;
  private final Path confDir;
  private final Path stateDir;
  private final Map<String, String> env = new HashMap<>();
  private final LoadedConfig loaded;
  private final LakehouseSession session;
  private boolean sampleUploaded;

  private TestLake() {
    s3 = S3Server.shared();
    s3.createBucket(BUCKET);
    Path work = Path.of("target", "test-lake-" + ProcessHandle.current().pid()).toAbsolutePath();
    confDir = work.resolve("conf");
    stateDir = work.resolve("state");
    copyTree(repoRoot().resolve("conf"), confDir);
    env.put("MINIO_ENDPOINT", s3.endpoint());
    env.put("AWS_ACCESS_KEY_ID", S3Server.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", S3Server.SECRET_KEY);
    env.put("HISTORYLANE_STATE_DIR", stateDir.toString());
    env.put("HISTORYLANE_BUCKET", BUCKET);
    env.put("HISTORYLANE_REPORTS", work.resolve("reports").toString());
    loaded = load("minio");
    session = LakehouseSession.open(loaded, "historylane-tests");
  }

  public static synchronized TestLake get() {
    if (shared == null) {
      shared = new TestLake();
    }
    return shared;
  }

  /** The repository root (Surefire passes it; a run from the module folder falls back to ..). */
  public static Path repoRoot() {
    String root = System.getProperty("historylane.repo.root");
    Path path = root != null ? Path.of(root) : Path.of("..");
    return path.toAbsolutePath().normalize();
  }

  /** Loads the test copy of conf/ with the given overlays, e.g. {@code "minio,facts-test"}. */
  public LoadedConfig load(String envs) {
    return new ConfigLoader(environment()).load(confFile(), envs);
  }

  /** Writes {@code conf/env/<name>.yaml} in the test copy of conf/; load it with {@code minio,<name>}. */
  public void overlay(String name, String yaml) {
    try {
      Files.writeString(confDir.resolve("env").resolve(name + ".yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Environment environment() {
    return Environment.of(env);
  }

  /** The variables a child process (a real spark-submit) needs to load the same config. */
  public Map<String, String> environmentVariables() {
    return Map.copyOf(env);
  }

  public Path confFile() {
    return confDir.resolve("historylane.yaml");
  }

  public LoadedConfig loaded() {
    return loaded;
  }

  public LakehouseSession session() {
    return session;
  }

  public SparkSession spark() {
    return session.spark();
  }

  public S3Server s3() {
    return s3;
  }

  public Path stateDir() {
    return stateDir;
  }

  /**
   * Uploads the committed sample (test-data/samples) once per JVM where the minio overlay expects
   * it: the Debezium archive under s3a://lake/archive/topics, the Paimon tables under s3a://lake/paimon.
   */
  public synchronized TestLake withSample() {
    if (!sampleUploaded) {
      Path samples = repoRoot().resolve("test-data/samples");
      upload(samples.resolve("debezium/topics"), "s3a://" + BUCKET + "/archive/topics");
      upload(samples.resolve("paimon"), "s3a://" + BUCKET + "/paimon");
      sampleUploaded = true;
    }
    return this;
  }

  /** Copies every file below a local folder to the same relative path under {@code s3aTarget}, through S3A. */
  public void upload(Path localDir, String s3aTarget) {
    try (Stream<Path> files = Files.walk(localDir)) {
      Configuration conf = spark().sparkContext().hadoopConfiguration();
      org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(s3aTarget);
      FileSystem fs = target.getFileSystem(conf);
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(file.toUri()),
            new org.apache.hadoop.fs.Path(target, localDir.relativize(file).toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upload " + localDir + " to " + s3aTarget, e);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }
}
