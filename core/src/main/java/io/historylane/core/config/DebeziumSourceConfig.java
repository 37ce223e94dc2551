package io.historylane.core.config;

import java.time.Duration;

/**
 * A topic of the Debezium Avro archive (Kafka Connect S3 sink layout) under {@code archive.root}.
 *
 * @param lateUpdateHorizon how long after its event day a row can still change; archive files
 *     that arrived later than that after the range are not read
 * @param earlyHorizon how long before its event day a row can be written (an appointment booked
 *     ahead); archive files that arrived earlier than that before the range are not read
 */
public record DebeziumSourceConfig(String topic, Duration lateUpdateHorizon, Duration earlyHorizon) {
  public DebeziumSourceConfig {
    ConfigProblem.require(topic, "topic", "name the topic folder in the archive, e.g. pg.public.sales");
    lateUpdateHorizon = lateUpdateHorizon == null ? Duration.ofDays(30) : lateUpdateHorizon;
    earlyHorizon = earlyHorizon == null ? Duration.ofDays(1) : earlyHorizon;
    if (lateUpdateHorizon.isNegative() || earlyHorizon.isNegative()) {
      throw new ConfigProblem("late-update-horizon", "a horizon cannot be negative", "write e.g. 30d");
    }
  }
}
