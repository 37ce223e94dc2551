package io.historylane.core.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * The S3-compatible object store (MinIO, S3, Ceph) behind {@code s3://} and {@code s3a://}
 * locations. Leave it out for a warehouse on the local disk.
 *
 * @param endpoint e.g. http://localhost:9000; absent means AWS's own endpoint for the region
 * @param pathStyleAccess true for MinIO and most non-AWS stores
 * @param accessKeyEnv the environment variable holding the access key id
 * @param secretKeyEnv the environment variable holding the secret access key
 */
public record StorageConfig(
    String endpoint,
    Boolean pathStyleAccess,
    String region,
    @JsonDeserialize(using = SecretDeserializers.FromEnv.class) SecretValue accessKeyEnv,
    @JsonDeserialize(using = SecretDeserializers.FromEnv.class) SecretValue secretKeyEnv) {

  public StorageConfig {
    pathStyleAccess = pathStyleAccess == null ? Boolean.TRUE : pathStyleAccess;
    region = region == null ? "us-east-1" : region;
    if ((accessKeyEnv == null) != (secretKeyEnv == null)) {
      throw new ConfigProblem(accessKeyEnv == null ? "access-key-env" : "secret-key-env", "missing",
          "set both access-key-env and secret-key-env, or neither to use the default AWS credential chain");
    }
  }

  public static StorageConfig none() {
    return new StorageConfig(null, null, null, null, null);
  }

  public boolean configured() {
    return endpoint != null || accessKeyEnv != null;
  }

  public boolean sslEnabled() {
    return endpoint == null || endpoint.startsWith("https:");
  }
}
