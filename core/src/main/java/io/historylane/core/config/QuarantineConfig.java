package io.historylane.core.config;

/** Where rejected source records and quarantined files (orphans, dropped tables) are moved. */
public record QuarantineConfig(String dir) {
  public QuarantineConfig {
    dir = dir == null ? "warehouse/quarantine" : dir;
  }
}
