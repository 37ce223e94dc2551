package io.historylane.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Every Spark job the session runs, with its description (the job group's step, e.g. "backfill
 * sales ...: write chunk ...") and wall time: with the Spark UI off, this is how a benchmark says
 * where a run's time went.
 */
final class SparkJobLog extends SparkListener {
  /** One finished job. */
  record Job(int id, String description, long startMs, long endMs) {
    long millis() {
      return endMs - startMs;
    }
  }

  private final SparkContext context;
  private final Map<Integer, Job> started = new ConcurrentHashMap<>();
  private final List<Job> finished = new ArrayList<>();

  private SparkJobLog(SparkContext context) {
    this.context = context;
  }

  static SparkJobLog attach(SparkContext context) {
    SparkJobLog log = new SparkJobLog(context);
    context.addSparkListener(log);
    return log;
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    String description = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
    if (description == null && start.properties() != null) {
      description = "(no step) " + start.properties().getProperty("callSite.short", "");
    }
    started.put(start.jobId(), new Job(start.jobId(), description, start.time(), start.time()));
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd end) {
    Job job = started.remove(end.jobId());
    if (job != null) {
      synchronized (finished) {
        finished.add(new Job(job.id(), job.description(), job.startMs(), end.time()));
      }
    }
  }

  /** A mark to read the jobs finished after it from. */
  int mark() {
    drain();
    synchronized (finished) {
      return finished.size();
    }
  }

  /** The jobs finished since {@code mark}, after the listener bus delivered every event. */
  List<Job> since(int mark) {
    drain();
    synchronized (finished) {
      return List.copyOf(finished.subList(mark, finished.size()));
    }
  }

  /** Wall time per step, in the order steps first ran; jobs of one step running at once are not double counted. */
  static Map<String, Long> byStep(List<Job> jobs) {
    Map<String, List<Job>> grouped = new LinkedHashMap<>();
    jobs.forEach(j -> grouped.computeIfAbsent(j.description(), d -> new ArrayList<>()).add(j));
    Map<String, Long> out = new LinkedHashMap<>();
    grouped.forEach((step, list) -> out.put(step, union(list)));
    return out;
  }

  private static long union(List<Job> jobs) {
    List<Job> sorted = new ArrayList<>(jobs);
    sorted.sort(java.util.Comparator.comparingLong(Job::startMs));
    long total = 0;
    long end = Long.MIN_VALUE;
    for (Job j : sorted) {
      long from = Math.max(j.startMs(), end);
      if (j.endMs() > from) {
        total += j.endMs() - from;
      }
      end = Math.max(end, j.endMs());
    }
    return total;
  }

  private void drain() {
    // listener events are delivered asynchronously: wait until every job that ended is recorded
    try {
      context.listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not drain in 10 s: job timings would be incomplete", e);
    }
  }
}
