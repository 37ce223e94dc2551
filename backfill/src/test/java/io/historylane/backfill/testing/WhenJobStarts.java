package io.historylane.backfill.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * Runs an action once, on Spark's listener thread, when the first job whose description contains
 * a text starts: another writer committing while a run is in a known step.
 */
public final class WhenJobStarts extends SparkListener implements AutoCloseable {
  private final SparkSession spark;
  private final String description;
  private final Runnable action;
  private final AtomicBoolean fired = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile RuntimeException failure;

  private WhenJobStarts(SparkSession spark, String description, Runnable action) {
    this.spark = spark;
    this.description = description;
    this.action = action;
  }

  public static WhenJobStarts run(SparkSession spark, String description, Runnable action) {
    WhenJobStarts listener = new WhenJobStarts(spark, description, action);
    spark.sparkContext().addSparkListener(listener);
    return listener;
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    String text = jobStart.properties() == null ? null : jobStart.properties().getProperty("spark.job.description");
    if (text != null && text.contains(description) && fired.compareAndSet(false, true)) {
      try {
        action.run();
      } catch (RuntimeException e) {
        failure = e;
      } finally {
        done.countDown();
      }
    }
  }

  /** Whether the action ran (waiting a little for the listener thread), rethrowing its failure. */
  public boolean ran() throws InterruptedException {
    boolean ok = done.await(30, TimeUnit.SECONDS);
    if (failure != null) {
      throw failure;
    }
    return ok;
  }

  @Override
  public void close() {
    spark.sparkContext().removeSparkListener(this);
  }
}
