package io.historylane.backfill.facts;

import io.historylane.backfill.source.ArchiveScan;
import io.historylane.backfill.source.ChangeStream;
import io.historylane.backfill.source.DebeziumArchiveSource;
import io.historylane.backfill.source.PaimonTableSource;
import io.historylane.backfill.source.SourcePlan;
import io.historylane.core.config.TableConfig;
import io.historylane.core.error.BadInputException;
import io.historylane.core.session.LakehouseSession;
import io.historylane.core.time.DateRange;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a fact backfill's history comes from, with the two questions a backfill asks before
 * reading: which inputs can hold a chunk's rows (for its fingerprint), and the change stream of a
 * set of chunks.
 */
abstract class FactSource {
  /** Inputs that could not be read at all, with the reason; quarantined with --skip-bad-records. */
  final Map<String, String> unreadable = new LinkedHashMap<>();

  abstract String fingerprint(DateRange chunk, String salt);

  abstract ChangeStream read(List<DateRange> chunks);

  /** Leaves {@code input} out of later reads (it failed mid-read and the run quarantines bad input). */
  void exclude(String input, String reason) {
    unreadable.put(input, reason);
  }

  static FactSource of(LakehouseSession session, String name, TableConfig config, DateRange range, Instant asOf,
      boolean skipBadRecords) {
    if (config.source().debezium() != null) {
      return new Archive(session, name, config, range, skipBadRecords);
    }
    return new Paimon(new PaimonTableSource(session, name, config), config, asOf);
  }

  /**
   * The Debezium archive: a chunk's rows can be in files that arrived from early-horizon before it
   * to late-update-horizon after it, and in any later file that starts with snapshot reads.
   */
  private static final class Archive extends FactSource {
    private final DebeziumArchiveSource source;
    private final TableConfig config;
    private final ZoneId zone;
    private final ArchiveScan scan;

    Archive(LakehouseSession session, String name, TableConfig config, DateRange range, boolean skipBadRecords) {
      this.source = new DebeziumArchiveSource(session, name, config);
      this.config = config;
      this.zone = session.config().timezone();
      Instant[] window = window(range);
      this.scan = source.scan(window[0], window[1], true);
      unreadable.putAll(scan.unreadable());
      if (!unreadable.isEmpty() && !skipBadRecords) {
        Map.Entry<String, String> first = unreadable.entrySet().iterator().next();
        throw new BadInputException("archive file " + first.getKey() + " is not a readable Avro file ("
            + first.getValue() + ")" + (unreadable.size() > 1 ? " (and " + (unreadable.size() - 1) + " more)" : "")
            + "; nothing was committed. Fix: restore or remove the file, or rerun with --skip-bad-records to quarantine it");
      }
    }

    private Instant[] window(DateRange range) {
      return new Instant[] {
        range.startInstant(zone).minus(source.config().earlyHorizon()),
        range.endInstant(zone).plus(source.config().lateUpdateHorizon())
      };
    }

    private SourcePlan inputs(DateRange range) {
      Instant[] w = window(range);
      return scan.inputs(w[0], w[1], true, Set.copyOf(unreadable.keySet()));
    }

    @Override
    String fingerprint(DateRange chunk, String salt) {
      return inputs(chunk).fingerprint(salt);
    }

    @Override
    ChangeStream read(List<DateRange> chunks) {
      DateRange span = new DateRange(chunks.get(0).from(), chunks.get(chunks.size() - 1).to());
      return source.read(scan, inputs(span), List.of(config.eventTime()));
    }
  }

  /** A Paimon primary-key table at one snapshot: every chunk's input is that snapshot. */
  private static final class Paimon extends FactSource {
    private final PaimonTableSource source;
    private final TableConfig config;
    private final SourcePlan plan;

    Paimon(PaimonTableSource source, TableConfig config, Instant asOf) {
      this.source = source;
      this.config = config;
      this.plan = source.plan(asOf);
    }

    @Override
    String fingerprint(DateRange chunk, String salt) {
      return plan.fingerprint(salt);
    }

    @Override
    ChangeStream read(List<DateRange> chunks) {
      return source.read(plan, new ArrayList<>(List.of(config.eventTime())));
    }
  }
}
