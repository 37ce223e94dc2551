package io.historylane.backfill.common;

import io.historylane.backfill.source.ArchiveScan;
import io.historylane.backfill.source.ChangeStream;
import io.historylane.backfill.source.DebeziumArchiveSource;
import io.historylane.backfill.source.PaimonTableSource;
import io.historylane.backfill.source.SourcePlan;
import io.historylane.core.config.TableConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.error.Unchecked;
import io.historylane.core.session.JobGroup;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a backfill's history comes from, answering the two questions a backfill asks: which inputs
 * can hold the changes for a range (their fingerprint says whether a chunk was built from the same
 * history before), and the change stream of a range, read once. An input that cannot be read fails
 * the run naming it, or with --skip-bad-records is quarantined and the read repeated without it.
 */
public abstract class HistorySource {
  private static final Logger LOG = LoggerFactory.getLogger(HistorySource.class);

  /** Inputs that could not be read, with the reason; quarantined with --skip-bad-records. */
  private final Map<String, String> unreadable = new LinkedHashMap<>();
  private final boolean skipBadRecords;

  HistorySource(boolean skipBadRecords) {
    this.skipBadRecords = skipBadRecords;
  }

  /** The fingerprint of the inputs that can hold changes for {@code range}, with {@code salt}. */
  public abstract String fingerprint(DateRange range, String salt);

  /** The change stream of {@code range}. */
  protected abstract ChangeStream stream(DateRange range);

  /** When a read failed without naming its input: the inputs that cannot be read, with the reason. */
  protected Map<String, String> diagnose(SourcePlan plan) {
    return Map.of();
  }

  public Map<String, String> unreadable() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(unreadable)); // in the order found: the first is named
  }

  Set<String> excluded() {
    return Set.copyOf(unreadable.keySet());
  }

  /**
   * Reads {@code range} and aggregates it, materializing the aggregate with {@code materialize}
   * (whose result, e.g. a row count, is logged). An input that breaks mid-read is named, or
   * quarantined and the read repeated.
   */
  public ChangeAggregate read(LakehouseSession session, String jobGroup, String tableName, DateRange range,
      java.util.function.Function<ChangeStream, ChangeAggregate> aggregate, ToLongFunction<ChangeAggregate> materialize) {
    while (true) {
      ChangeStream stream = stream(range);
      try (JobGroup g = JobGroup.start(session.spark(), jobGroup, "backfill " + tableName + " " + range + ": read "
          + stream.plan().files() + " inputs (" + stream.plan().bytes() / 1024 + " KiB) and resolve each key's changes")) {
        long start = System.nanoTime();
        ChangeAggregate result = aggregate.apply(stream);
        try {
          long n = materialize.applyAsLong(result);
          LOG.info("{}: read {} inputs ({} bytes): {} rows resolved in {} ms", tableName, stream.plan().files(),
              stream.plan().bytes(), n, (System.nanoTime() - start) / 1_000_000);
          return result;
        } catch (Exception e) {
          result.release();
          Map<String, String> broken = new LinkedHashMap<>();
          String named = brokenInput(e, stream.plan());
          if (named != null) {
            broken.put(named, rootMessage(e));
          } else {
            LOG.warn("{}: the read failed ({}); checking which input is broken", tableName, rootMessage(e));
            broken.putAll(diagnose(stream.plan()));
          }
          if (broken.isEmpty()) {
            throw Unchecked.rethrow(e);
          }
          Map.Entry<String, String> first = broken.entrySet().iterator().next();
          if (!skipBadRecords) {
            throw new BadInputException("archive file " + first.getKey() + " could not be read (" + first.getValue()
                + ")" + (broken.size() > 1 ? " (and " + (broken.size() - 1) + " more)" : "") + "; nothing was committed."
                + " Fix: restore or remove the file, or rerun with --skip-bad-records to quarantine it");
          }
          LOG.warn("{}: unreadable, quarantined, reading again without them: {}", tableName, broken);
          unreadable.putAll(broken);
        }
      }
    }
  }

  private static String brokenInput(Throwable e, SourcePlan plan) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      for (SourcePlan.SourceInput input : plan.inputs()) {
        if (message.contains(input.location()) || message.contains(input.location().replaceFirst("^file:", ""))) {
          return input.location();
        }
      }
    }
    return null;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage()).lines().findFirst().orElse(t.getClass().getSimpleName());
  }

  /**
   * Facts: a day's rows can be in archive files that arrived from early-horizon before it to
   * late-update-horizon after it, and in any later file that starts with snapshot reads (a
   * snapshot read carries a row of any event time). From Paimon: the table at one snapshot.
   */
  public static HistorySource forFacts(LakehouseSession session, String name, TableConfig config, DateRange range,
      Instant asOf, boolean skipBadRecords) {
    if (config.source().debezium() != null) {
      DebeziumArchiveSource source = new DebeziumArchiveSource(session, name, config);
      return new Archive(source, session.config().timezone(), range, skipBadRecords, true,
          source.config().earlyHorizon(), List.of(config.eventTime()), false);
    }
    return new Paimon(new PaimonTableSource(session, name, config), asOf, List.of(config.eventTime()), skipBadRecords);
  }

  /**
   * Dimensions: a version opens at its change's commit time, so a range's changes are the ones
   * committed in it; they can arrive up to late-update-horizon later. Snapshot reads count at
   * their own time.
   */
  public static HistorySource forDimensions(LakehouseSession session, String name, TableConfig config, DateRange range,
      boolean skipBadRecords) {
    if (config.source().debezium() == null) {
      throw new BadInputException("tables." + name + " reads a Paimon table: dimensions need every change with its"
          + " commit time, which the Debezium archive has. Fix: give it source.debezium");
    }
    DebeziumArchiveSource source = new DebeziumArchiveSource(session, name, config);
    return new Archive(source, session.config().timezone(), range, skipBadRecords, false, java.time.Duration.ZERO,
        List.of(), true);
  }

  /** The Debezium archive. */
  private static final class Archive extends HistorySource {
    private final DebeziumArchiveSource source;
    private final ZoneId zone;
    private final ArchiveScan scan;
    private final boolean laterSnapshots;
    private final java.time.Duration early;
    private final List<String> required;
    private final boolean quietIsFine;

    /**
     * @param quietIsFine a range no archive file can hold changes for is a quiet range (dimensions:
     *     nothing changed); for facts it is refused, since replacing days with "nothing" because the
     *     archive no longer reaches back that far would wipe them
     */
    Archive(DebeziumArchiveSource source, ZoneId zone, DateRange range, boolean skipBadRecords, boolean laterSnapshots,
        java.time.Duration early, List<String> required, boolean quietIsFine) {
      super(skipBadRecords);
      this.quietIsFine = quietIsFine;
      this.source = source;
      this.zone = zone;
      this.laterSnapshots = laterSnapshots;
      this.early = early;
      this.required = required;
      Instant[] window = window(range);
      this.scan = source.scan(window[0], window[1], laterSnapshots);
      scan.unreadable().forEach(super.unreadable::put);
      if (!scan.unreadable().isEmpty() && !skipBadRecords) {
        Map.Entry<String, String> first = scan.unreadable().entrySet().iterator().next();
        throw new BadInputException("archive file " + first.getKey() + " is not a readable Avro file ("
            + first.getValue() + ")" + (scan.unreadable().size() > 1 ? " (and " + (scan.unreadable().size() - 1)
            + " more)" : "") + "; nothing was committed. Fix: restore or remove the file, or rerun with"
            + " --skip-bad-records to quarantine it");
      }
    }

    private Instant[] window(DateRange range) {
      return new Instant[] {
        range.startInstant(zone).minus(early),
        range.endInstant(zone).plus(source.config().lateUpdateHorizon())
      };
    }

    private SourcePlan inputs(DateRange range) {
      Instant[] w = window(range);
      return scan.inputs(w[0], w[1], laterSnapshots, excluded());
    }

    @Override
    public String fingerprint(DateRange range, String salt) {
      return inputs(range).fingerprint(salt);
    }

    @Override
    protected Map<String, String> diagnose(SourcePlan plan) {
      return source.unreadable(plan);
    }

    @Override
    protected ChangeStream stream(DateRange range) {
      SourcePlan plan = inputs(range);
      if (plan.inputs().isEmpty() && !quietIsFine) {
        throw new BadInputException("no archive file of " + source.topicRoot() + " can hold changes for " + range
            + " (the horizons reach " + java.util.Arrays.toString(window(range)) + "); nothing was committed. The"
            + " archive may not reach back that far: check the range, archive.root and the table's horizons");
      }
      return source.read(scan, plan, required);
    }
  }

  /** A Paimon primary-key table at one snapshot: every range's input is that snapshot. */
  private static final class Paimon extends HistorySource {
    private final PaimonTableSource source;
    private final SourcePlan plan;
    private final List<String> required;

    Paimon(PaimonTableSource source, Instant asOf, List<String> required, boolean skipBadRecords) {
      super(skipBadRecords);
      this.source = source;
      this.plan = source.plan(asOf);
      this.required = required;
    }

    @Override
    public String fingerprint(DateRange range, String salt) {
      return plan.fingerprint(salt);
    }

    @Override
    protected ChangeStream stream(DateRange range) {
      return source.read(plan, required);
    }
  }
}
