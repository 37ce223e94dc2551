package io.historylane.core.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.historylane.core.time.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a resolved configuration as YAML, defaults filled in, every secret masked: typed secrets
 * print where they come from, values under secret-looking names in free-form maps print as
 * {@code ******}, and the redactor blanks any secret that reached another value.
 */
public final class ConfigPrinter {
  private ConfigPrinter() {}

  public static String toYaml(LoadedConfig loaded) {
    SimpleModule module = new SimpleModule("historylane-config-print");
    module.addSerializer(Duration.class, new JsonSerializer<>() {
      @Override
      public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeString(Durations.format(value));
      }
    });
    module.addSerializer(ZoneId.class, new JsonSerializer<>() {
      @Override
      public void serialize(ZoneId value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeString(value.getId());
      }
    });
    @SuppressWarnings({"unchecked", "rawtypes"})
    JsonSerializer<Map<?, ?>> maskingMaps = new JsonSerializer<>() {
      @Override
      public void serialize(Map<?, ?> value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeStartObject();
        Map<String, Object> sorted = new TreeMap<>();
        value.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
          String key = e.getKey();
          gen.writeFieldName(key);
          if (e.getValue() instanceof String && SecretRedactor.looksSecret(key)) {
            gen.writeString(SecretRedactor.MASK);
          } else {
            serializers.defaultSerializeValue(e.getValue(), gen);
          }
        }
        gen.writeEndObject();
      }
    };
    module.addSerializer((Class) Map.class, maskingMaps);
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
        .registerModule(module)
        .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
        .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    try {
      StringBuilder out = new StringBuilder();
      out.append("# resolved from ");
      for (Path file : loaded.files()) {
        out.append(file).append(' ');
      }
      out.append("(environment: ").append(loaded.env() == null ? "none" : loaded.env()).append(")\n");
      out.append("# secrets are masked; they are read from the environment or files, never from this config\n");
      out.append(mapper.writeValueAsString(loaded.config()));
      return loaded.redactor().redact(out.toString());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
