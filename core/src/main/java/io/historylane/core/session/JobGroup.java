package io.historylane.core.session;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a step under a Spark job group and description, so the Spark UI lists jobs as a log of
 * steps ("backfill sales: chunk 2/5 [2025-01-08, 2025-01-15): write"). Restores the previous
 * group on close, so steps nest.
 */
public final class JobGroup implements AutoCloseable {
  private static final String GROUP_ID = "spark.jobGroup.id";
  private static final String DESCRIPTION = "spark.job.description";
  private static final String INTERRUPT = "spark.job.interruptOnCancel";

  private final SparkContext context;
  private final String previousGroup;
  private final String previousDescription;
  private final String previousInterrupt;

  private JobGroup(SparkContext context, String groupId, String description) {
    this.context = context;
    this.previousGroup = context.getLocalProperty(GROUP_ID);
    this.previousDescription = context.getLocalProperty(DESCRIPTION);
    this.previousInterrupt = context.getLocalProperty(INTERRUPT);
    context.setJobGroup(groupId, description, false);
  }

  public static JobGroup start(SparkSession spark, String groupId, String description) {
    return new JobGroup(spark.sparkContext(), groupId, description);
  }

  @Override
  public void close() {
    context.setLocalProperty(GROUP_ID, previousGroup);
    context.setLocalProperty(DESCRIPTION, previousDescription);
    context.setLocalProperty(INTERRUPT, previousInterrupt);
  }
}
