package io.historylane.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.historylane.core.time.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads {@code conf/historylane.yaml}, merges the environment overlay {@code conf/env/<env>.yaml}
 * over it, substitutes {@code ${VAR}} and {@code ${VAR:-default}} from the environment, reads the
 * secrets the config names, and binds the result. Every failure is a {@link ConfigException}
 * naming the file, the key path and the fix.
 */
public final class ConfigLoader {
  public static final Path DEFAULT_FILE = Path.of("conf", "historylane.yaml");
  public static final String DEFAULT_ENV = "local";

  private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  private final Environment environment;
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  public ConfigLoader(Environment environment) {
    this.environment = environment;
  }

  /**
   * @param file the main config file
   * @param env the overlay to apply, or several separated by commas ({@code minio,ci}) applied in
   *     order; null means {@code local} when that overlay exists, else none
   */
  public LoadedConfig load(Path file, String env) {
    List<Path> files = new ArrayList<>();
    Map<String, String> origins = new HashMap<>();
    ObjectNode tree = read(file);
    files.add(file);
    recordOrigins(tree, "", file.toString(), origins);

    List<String> envs = new ArrayList<>();
    for (String name : env == null ? new String[] {null} : env.split(",")) {
      Path overlay = overlayFile(file, name == null ? null : name.trim());
      if (overlay != null) {
        merge(tree, read(overlay), "", overlay.toString(), origins);
        files.add(overlay);
        envs.add(name == null ? DEFAULT_ENV : name.trim());
      }
    }
    String chosenEnv = envs.isEmpty() ? null : String.join(",", envs);

    SecretRedactor redactor = new SecretRedactor();
    substitute(tree, "", origins, file.toString(), redactor);
    HistorylaneConfig config = bind(tree, origins, file.toString(), redactor);
    return new LoadedConfig(config, chosenEnv, files, redactor);
  }

  private Path overlayFile(Path file, String env) {
    Path envDir = file.toAbsolutePath().getParent().resolve("env");
    if (env == null) {
      Path local = envDir.resolve(DEFAULT_ENV + ".yaml");
      return Files.isRegularFile(local) ? local : null;
    }
    if (!env.matches("[A-Za-z0-9_-]+")) {
      throw new ConfigException("--env", null, "'" + env + "' is not an environment name", "use e.g. local, minio or prod");
    }
    Path overlay = envDir.resolve(env + ".yaml");
    if (!Files.isRegularFile(overlay)) {
      throw new ConfigException(overlay.toString(), null, "no overlay for environment '" + env + "'",
          "use one of " + availableEnvs(envDir) + " or create " + overlay);
    }
    return overlay;
  }

  private static String availableEnvs(Path envDir) {
    try (Stream<Path> list = Files.list(envDir)) {
      return list.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - 5))
          .sorted()
          .collect(Collectors.joining(", ", "[", "]"));
    } catch (IOException e) {
      return "[]";
    }
  }

  private ObjectNode read(Path file) {
    try {
      JsonNode node = yaml.readTree(Files.readString(file));
      if (node == null || node.isMissingNode() || node.isNull()) {
        return JsonNodeFactory.instance.objectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException(file.toString(), null, "is not a YAML mapping", "start the file with keys such as catalogs:");
      }
      return (ObjectNode) node;
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), null, "config file not found",
          "pass --conf with the path of historylane.yaml (default conf/historylane.yaml, relative to the working directory)");
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new ConfigException(file.toString(), null, "not valid YAML" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""),
          "correct the syntax (indentation, a missing colon or quote)");
    } catch (IOException e) {
      throw new ConfigException(file.toString(), null, "cannot be read: " + e.getMessage(), "check the path and permissions");
    }
  }

  private static void recordOrigins(JsonNode node, String path, String file, Map<String, String> origins) {
    origins.put(path, file);
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> recordOrigins(e.getValue(), join(path, e.getKey()), file, origins));
    }
  }

  /** Objects merge key by key; lists and scalars replace; an explicit null removes the key. */
  private static void merge(ObjectNode base, ObjectNode overlay, String path, String file, Map<String, String> origins) {
    Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      String key = e.getKey();
      String childPath = join(path, key);
      JsonNode value = e.getValue();
      JsonNode existing = base.get(key);
      if (value.isNull()) {
        base.remove(key);
      } else if (value.isObject() && existing != null && existing.isObject()) {
        origins.put(childPath, file);
        merge((ObjectNode) existing, (ObjectNode) value, childPath, file, origins);
      } else {
        base.set(key, value);
        recordOrigins(value, childPath, file, origins);
      }
    }
  }

  private void substitute(JsonNode node, String path, Map<String, String> origins, String mainFile, SecretRedactor redactor) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        JsonNode child = object.get(key);
        String childPath = join(path, key);
        if (child.isTextual()) {
          object.set(key, new TextNode(expand(child.asText(), childPath, key, origins, mainFile, redactor)));
        } else {
          substitute(child, childPath, origins, mainFile, redactor);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode child = node.get(i);
        String childPath = path + "[" + i + "]";
        if (child.isTextual()) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) node)
              .set(i, new TextNode(expand(child.asText(), childPath, null, origins, mainFile, redactor)));
        } else {
          substitute(child, childPath, origins, mainFile, redactor);
        }
      }
    }
  }

  private String expand(String text, String path, String key, Map<String, String> origins, String mainFile,
      SecretRedactor redactor) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$$")) {
        replacement = "$";
      } else {
        String name = m.group(1);
        String fallback = m.group(3);
        replacement = environment.get(name).orElse(fallback);
        if (replacement == null) {
          throw new ConfigException(originOf(path, origins, mainFile), path,
              "environment variable " + name + " is not set",
              "export " + name + "=... before running, or write ${" + name + ":-default} to give a default");
        }
        if (SecretRedactor.looksSecret(name) || SecretRedactor.looksSecret(key)) {
          redactor.add(replacement);
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private HistorylaneConfig bind(ObjectNode tree, Map<String, String> origins, String mainFile, SecretRedactor redactor) {
    try {
      return bindingMapper().readerFor(HistorylaneConfig.class)
          .withAttribute(Environment.class, environment)
          .withAttribute(SecretRedactor.class, redactor)
          .readValue(tree);
    } catch (JsonMappingException e) {
      throw translate(e, origins, mainFile);
    } catch (IOException e) {
      throw new ConfigException(mainFile, null, "cannot be bound: " + e.getMessage(), "check the file against conf/historylane.yaml");
    } catch (ConfigProblem e) {
      String key = e.key() == null ? "" : e.key();
      throw new ConfigException(originOf(key, origins, mainFile), key, e.getMessage(), e.fix());
    }
  }

  /** The mapper that reads config: kebab-case keys, unknown keys rejected, human durations. */
  static ObjectMapper bindingMapper() {
    SimpleModule module = new SimpleModule("historylane-config");
    module.addDeserializer(Duration.class, new JsonDeserializer<>() {
      @Override
      public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return Durations.parse(p.getValueAsString());
      }
    });
    module.addDeserializer(ZoneId.class, new JsonDeserializer<>() {
      @Override
      public ZoneId deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = p.getValueAsString();
        try {
          return ZoneId.of(text);
        } catch (DateTimeException e) {
          throw new ConfigProblem(null, "'" + text + "' is not a time zone", "write a region id such as UTC or Europe/Warsaw");
        }
      }
    });
    return new ObjectMapper()
        .registerModule(module)
        .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);
  }

  private static ConfigException translate(JsonMappingException e, Map<String, String> origins, String mainFile) {
    String path = pathOf(e);
    ConfigProblem problem = findCause(e, ConfigProblem.class);
    if (problem != null) {
      String key = problem.key() == null ? path : join(path, problem.key());
      return new ConfigException(originOf(key, origins, mainFile), key, problem.getMessage(), problem.fix());
    }
    if (e instanceof UnrecognizedPropertyException u) {
      Collection<String> known = u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
      return new ConfigException(originOf(path, origins, mainFile), path,
          "unknown key '" + u.getPropertyName() + "'" + Suggestions.didYouMean(u.getPropertyName(), known),
          "remove it or use one of: " + String.join(", ", known));
    }
    IllegalArgumentException invalidValue = findCause(e, IllegalArgumentException.class);
    if (invalidValue != null) {
      return new ConfigException(originOf(path, origins, mainFile), path, invalidValue.getMessage(), "correct the value");
    }
    if (e instanceof InvalidFormatException f) {
      return new ConfigException(originOf(path, origins, mainFile), path,
          "'" + f.getValue() + "' is not a valid " + describe(f.getTargetType()), "correct the value");
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return new ConfigException(originOf(path, origins, mainFile), path,
          "expected " + describe(m.getTargetType()), "correct the value's shape (a list is [a, b], a map is {k: v})");
    }
    return new ConfigException(originOf(path, origins, mainFile), path,
        e.getOriginalMessage().lines().findFirst().orElse("invalid value"), "correct the value");
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "value";
    } else if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    } else if (Map.class.isAssignableFrom(type)) {
      return "a map";
    } else if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "number";
    } else if (type == Boolean.class) {
      return "true or false";
    } else if (type == String.class) {
      return "a string";
    } else if (type.isRecord()) {
      return "a map of settings";
    }
    return type.getSimpleName();
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** The file that set {@code path}, or the one that set its nearest ancestor. */
  private static String originOf(String path, Map<String, String> origins, String mainFile) {
    String p = path;
    while (true) {
      String file = origins.get(p);
      if (file != null) {
        return file;
      }
      if (p.isEmpty()) {
        return mainFile;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
