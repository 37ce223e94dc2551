package io.historylane.core.config;

/**
 * The Debezium Avro archive written by the Kafka Connect S3 sink: {@code <root>/<topic>/year=YYYY/
 * month=MM/day=dd/hour=HH/<topic>+<partition>+<offset>.avro}, folders by the hour the records
 * arrived.
 */
public record ArchiveConfig(String root) {
  public ArchiveConfig {
    ConfigProblem.require(root, "root", "set the folder that holds the topic folders, e.g. s3a://archive/topics");
  }
}
