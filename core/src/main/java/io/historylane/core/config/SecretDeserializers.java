package io.historylane.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Config never holds a secret, only where to find one: {@code *-env} keys name an environment
 * variable, {@code *-file} keys a file (a mounted Kubernetes or Airflow secret). These
 * deserializers read the secret while the config loads, so a missing one fails at start with the
 * key that names it, and register it with the run's {@link SecretRedactor}.
 */
public final class SecretDeserializers {
  private SecretDeserializers() {}

  /** For {@code password-env: STARROCKS_PASSWORD}. */
  public static final class FromEnv extends JsonDeserializer<SecretValue> {
    @Override
    public SecretValue deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String name = p.getValueAsString();
      if (name == null || name.isBlank()) {
        throw new ConfigProblem(null, "must name an environment variable", "write e.g. STARROCKS_PASSWORD");
      }
      Environment env = (Environment) ctxt.getAttribute(Environment.class);
      String value = env.get(name).orElseThrow(() -> new ConfigProblem(null,
          "environment variable " + name + " is not set",
          "export " + name + "=... before running, or point this key at another variable"));
      return register(ctxt, new SecretValue(value, "env " + name));
    }
  }

  /** For {@code password-file: /run/secrets/starrocks}: the file's content, trailing newline removed. */
  public static final class FromFile extends JsonDeserializer<SecretValue> {
    @Override
    public SecretValue deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String path = p.getValueAsString();
      try {
        String value = Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
        return register(ctxt, new SecretValue(value, "file " + path));
      } catch (NoSuchFileException e) {
        throw new ConfigProblem(null, "secret file " + path + " does not exist",
            "create it (mode 600) or point this key at the mounted secret");
      }
    }
  }

  private static SecretValue register(DeserializationContext ctxt, SecretValue secret) {
    SecretRedactor redactor = (SecretRedactor) ctxt.getAttribute(SecretRedactor.class);
    if (redactor != null) {
      redactor.add(secret.reveal());
    }
    return secret;
  }
}
