package io.historylane.starrocks;

import java.time.Duration;

/** Growing waits between attempts (retries, polls), capped, so a slow FE is not hammered. */
final class Backoff {
  private final long capMillis;
  private long nextMillis;

  Backoff(Duration first, Duration cap) {
    this.nextMillis = Math.max(1, first.toMillis());
    this.capMillis = Math.max(nextMillis, cap.toMillis());
  }

  /** Sleeps the current wait and lengthens the next by half. */
  void pause() {
    try {
      Thread.sleep(nextMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for StarRocks", e);
    }
    nextMillis = Math.min(capMillis, nextMillis + nextMillis / 2 + 1);
  }
}
