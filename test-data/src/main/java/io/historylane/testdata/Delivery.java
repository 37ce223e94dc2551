package io.historylane.testdata;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * How changes reach the archive: seconds after they commit, 1% a day or more late (late files),
 * and 0.5% delivered a second time up to two days later (at-least-once duplicates). Snapshot reads
 * arrive in the order they were read.
 */
final class Delivery {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  private Delivery() {}

  /**
   * @param readArrival when {@code e} arrives if it is a snapshot read
   * @param out receives the delivery, and its duplicate if there is one
   */
  static void deliver(ChangeEvent e, long readArrival, SplittableRandom random, Consumer<ChangeEvent> out) {
    long arrival;
    if (e.op() == 'r') {
      arrival = readArrival;
    } else if (random.nextInt(100) == 0) {
      arrival = e.commitMillis() + DAY + random.nextLong(2 * DAY);
    } else {
      arrival = e.commitMillis() + 200 + random.nextLong(60_000);
    }
    ChangeEvent delivered = new ChangeEvent(e.table(), e.op(), e.key(), e.row(), e.lsn(), e.txId(),
        e.commitMillis(), e.snapshot(), e.schemaVersion(), arrival, false);
    out.accept(delivered);
    if (random.nextInt(200) == 0) {
      out.accept(delivered.redelivered(arrival + HOUR + random.nextLong(2 * DAY)));
    }
  }
}
