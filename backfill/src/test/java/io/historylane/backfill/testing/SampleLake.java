package io.historylane.backfill.testing;

import io.historylane.testdata.DomainHistory;
import io.historylane.testdata.HistoryGenerator;
import io.historylane.testkit.TestLake;

/**
 * The test lake with the committed sample uploaded to the bucket once per JVM: the archive under
 * s3a://lake/archive/topics and the Paimon tables under s3a://lake/paimon, where the minio overlay
 * points. The sample's truth is regenerated from the same seed, so tests can compare against it.
 */
public final class SampleLake {
  private static DomainHistory history;

  private SampleLake() {}

  public static TestLake get() {
    return TestLake.get().withSample();
  }

  /** The history the committed sample was written from. */
  public static synchronized DomainHistory history() {
    if (history == null) {
      history = HistoryGenerator.sample();
    }
    return history;
  }
}
