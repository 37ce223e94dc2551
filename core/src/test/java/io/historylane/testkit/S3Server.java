package io.historylane.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Properties;

/**
 * A real S3 protocol server in the test JVM: s3proxy with its filesystem blob store, loaded from
 * its jar-with-dependencies in an isolated class loader so none of its Jetty, Jackson or Guava
 * classes meet Spark's (stack.md). Tests reach it through the same S3A and S3FileIO code a user
 * points at MinIO. One per JVM, so Hadoop's FileSystem cache always points at it.
 *
 * <p>Objects are plain files under {@link #objectFile}, whose modification time is the object's
 * Last-Modified: tests age files that way (an orphan older than the minimum age).
 */
public final class S3Server {
  public static final String ACCESS_KEY = "historylane-test";
  public static final String SECRET_KEY = "test-secret-7d1f0c2e9a";
  private static S3Server shared;

  private final Path baseDir;
  private final Object blobStore;
  private final Class<?> blobStoreType;
  private final ClassLoader loader;
  private final int port;

  private S3Server(Path baseDir) throws Exception {
    this.baseDir = baseDir;
    Files.createDirectories(baseDir);
    this.loader = new URLClassLoader(new URL[] {jar().toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      Properties props = new Properties();
      props.setProperty("jclouds.filesystem.basedir", baseDir.toString());
      blobStore = loader.loadClass("org.gaul.s3proxy.BlobStores")
          .getMethod("create", String.class, Properties.class).invoke(null, "filesystem", props);
      blobStoreType = loader.loadClass("org.gaul.s3proxy.blobstore.BlobStore");
      Class<?> authType = loader.loadClass("org.gaul.s3proxy.auth.AuthenticationType");
      @SuppressWarnings({"unchecked", "rawtypes"})
      Object v2OrV4 = Enum.valueOf((Class) authType, "AWS_V2_OR_V4");
      Object builder = loader.loadClass("org.gaul.s3proxy.S3Proxy").getMethod("builder").invoke(null);
      Class<?> b = builder.getClass();
      b.getMethod("blobStore", blobStoreType).invoke(builder, blobStore);
      b.getMethod("endpoint", URI.class).invoke(builder, URI.create("http://127.0.0.1:0"));
      b.getMethod("awsAuthentication", authType, String.class, String.class).invoke(builder, v2OrV4, ACCESS_KEY, SECRET_KEY);
      b.getMethod("ignoreUnknownHeaders", boolean.class).invoke(builder, true);
      Object proxy = b.getMethod("build").invoke(builder);
      proxy.getClass().getMethod("start").invoke(proxy);
      port = (int) proxy.getClass().getMethod("getPort").invoke(proxy);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  /** The JVM's one server, started on first use with its objects under {@code target/s3}. */
  public static synchronized S3Server shared() {
    if (shared == null) {
      try {
        shared = new S3Server(Path.of("target", "s3-" + ProcessHandle.current().pid()).toAbsolutePath());
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the in-JVM S3 server (s3proxy)", e);
      }
    }
    return shared;
  }

  private static Path jar() {
    String configured = System.getProperty("s3proxy.jar");
    Path jar = configured != null ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "gaul", "s3proxy", "4.1.0",
            "s3proxy-4.1.0-jar-with-dependencies.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("s3proxy jar not found at " + jar + ": run the tests through Maven, which fetches it");
    }
    return jar;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public void createBucket(String bucket) {
    try {
      Method exists = blobStoreType.getMethod("containerExists", String.class);
      if (!(boolean) exists.invoke(blobStore, bucket)) {
        blobStoreType.getMethod("createContainer", String.class).invoke(blobStore, bucket);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create bucket " + bucket, e);
    }
  }

  /** The file that holds object {@code s3://bucket/key}. */
  public Path objectFile(String bucket, String key) {
    return baseDir.resolve(bucket).resolve(key);
  }

  /** Makes an object look as if it was written at {@code when} (its Last-Modified). */
  public void setLastModified(String bucket, String key, Instant when) {
    try {
      Files.setLastModifiedTime(objectFile(bucket, key), FileTime.from(when));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
