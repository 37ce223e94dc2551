package io.historylane.testdata;

import io.historylane.testdata.Life.Planned;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * An employees dimension of a given number of keys written to the archive as a stream, for
 * benchmarks: an initial snapshot reads every key, then {@code days} of streamed changes give each
 * key about {@code changesPerKey} changes (role, commission and provider changes open versions;
 * e-mail and name changes are type-1; no-op updates, A -> B -> A in one transaction, a delete and
 * re-insert in one transaction, and leaving, half of them hired back a week or more later), with
 * duplicate deliveries and late files. On the day after, exactly {@code keysChangedOnChangeDay}
 * keys change once each: the increment a benchmark applies to the built dimension.
 *
 * <p>Per key only its current values are kept, in arrays, so millions of keys fit in little memory.
 */
public final class DimensionHistoryStream {
  private static final long MINUTE = 60_000L;
  private static final long DAY = 86_400_000L;
  private static final int PROVIDERS_PER_KEY = 20;

  /** The kinds of change, each as often as its weight. */
  private enum Change {
    ROLE(3), COMMISSION(3), PROVIDER(2), EMAIL(1), NAME(1), NO_OP(1), FLIP_FLOP(1), REHIRED_IN_ONE_TX(1), LEAVES(1);

    private final int weight;

    Change(int weight) {
      this.weight = weight;
    }

    static Change pick(SplittableRandom r) {
      int total = 0;
      for (Change c : values()) {
        total += c.weight;
      }
      int n = r.nextInt(total);
      for (Change c : values()) {
        n -= c.weight;
        if (n < 0) {
          return c;
        }
      }
      throw new IllegalStateException();
    }
  }

  /**
   * @param start the initial snapshot is taken at the start of this day; streaming follows
   * @param days how many days of streamed changes follow the snapshot
   * @param changesPerKey how many changes a key gets on average over those days
   * @param keysChangedOnChangeDay how many distinct keys change on the day after ({@link Written#changeDay})
   */
  public record Settings(long seed, int keys, LocalDate start, int days, double changesPerKey, int keysChangedOnChangeDay) {}

  /** What was written; the change day's changes all commit on {@code changeDay}. */
  public record Written(DebeziumArchiveWriter.Written archive, LocalDate changeDay) {}

  private final Settings settings;
  private final TableDef table;
  private final long[] txGroups = {1};
  private final long snapshotMillis;
  private final int providers;
  // the current values of every key, by key - 1
  private final int[] provider;
  private final short[] name;
  private final short[] emailVersion;
  private final byte[] role;
  private final short[] commission;
  private final int[] hiredOn;
  private final long[] lastMillis;
  private final BitSet alive;

  /** @param table an employees-shaped table ({@link #employeesNamed}) */
  public DimensionHistoryStream(Settings settings, TableDef table) {
    this.settings = settings;
    this.table = table;
    this.snapshotMillis = settings.start().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 5 * MINUTE;
    this.providers = Math.max(1, settings.keys() / PROVIDERS_PER_KEY);
    int n = settings.keys();
    provider = new int[n];
    name = new short[n];
    emailVersion = new short[n];
    role = new byte[n];
    commission = new short[n];
    hiredOn = new int[n];
    lastMillis = new long[n];
    alive = new BitSet(n);
  }

  /** The sample's employees table under another name (its own topic), with Postgres' default replica identity. */
  public static TableDef employeesNamed(String name) {
    return new TableDef(name, SampleDomain.EMPLOYEES.key(), SampleDomain.EMPLOYEES.columns(), false, List.of());
  }

  public Written write(Path root) {
    SplittableRandom random = new SplittableRandom(settings.seed());
    TopicStream stream = new TopicStream(root, table, snapshotMillis, Long.MAX_VALUE, random.split());
    SplittableRandom r = random.split();
    long firstDay = Math.floorDiv(snapshotMillis, DAY);
    for (int k = 0; k < settings.keys(); k++) {
      hire(r, k);
      stream.snapshotRead(k + 1, row(k), k == settings.keys() - 1);
    }
    TreeMap<Long, List<long[]>> rehires = new TreeMap<>();
    long perDay = Math.round(settings.keys() * settings.changesPerKey() / settings.days());
    for (long day = firstDay; day < firstDay + settings.days(); day++) {
      List<long[]> due = rehires.containsKey(day) ? rehires.remove(day) : List.of();
      List<Planned> planned = changeDay(r, day, perDay, null, due, rehires, firstDay + settings.days());
      planned.forEach(stream::plan);
      stream.completeThrough(day);
    }
    long changeDay = firstDay + settings.days();
    List<Planned> planned = changeDay(r, changeDay, settings.keysChangedOnChangeDay(), new BitSet(settings.keys()),
        List.of(), rehires, changeDay);
    planned.forEach(stream::plan);
    return new Written(stream.finish(), LocalDate.ofEpochDay(changeDay));
  }

  private void hire(SplittableRandom r, int k) {
    long created = snapshotMillis - 1 - r.nextLong(365 * DAY);
    provider[k] = 1 + r.nextInt(providers);
    name[k] = (short) r.nextInt(HistoryGenerator.FIRST.length * HistoryGenerator.LAST.length);
    emailVersion[k] = (short) (r.nextInt(10) == 0 ? -1 : 0);
    role[k] = (byte) r.nextInt(HistoryGenerator.ROLES.length);
    commission[k] = (short) r.nextInt(500, 3000);
    hiredOn[k] = (int) Math.floorDiv(created, DAY);
    lastMillis[k] = created;
    alive.set(k);
  }

  /**
   * Plans {@code count} changes at random times of {@code day}, plus the re-hires due that day, in
   * time order.
   *
   * @param distinct when not null, each change is to another key alive at the time (the change day)
   * @param rehires where a leaver's re-hire is scheduled, if it falls before {@code horizonDay}
   */
  private List<Planned> changeDay(SplittableRandom r, long day, long count, BitSet distinct, List<long[]> due,
      TreeMap<Long, List<long[]>> rehires, long horizonDay) {
    long from = Math.max(day * DAY, snapshotMillis + MINUTE);
    List<long[]> changes = new ArrayList<>(due);
    for (long i = 0; i < count; i++) {
      int k = r.nextInt(settings.keys());
      if (distinct != null) {
        while (distinct.get(k) || !alive.get(k)) {
          k = r.nextInt(settings.keys());
        }
        distinct.set(k);
      }
      changes.add(new long[] {r.nextLong(from, (day + 1) * DAY), k, Change.pick(r).ordinal()}); // {time, key, change}
    }
    changes.sort(Comparator.comparingLong((long[] c) -> c[0]).thenComparingLong(c -> c[1]));
    List<Planned> planned = Life.newSink();
    for (long[] c : changes) {
      int k = (int) c[1];
      Life life = new Life(table, k + 1, row(k), alive.get(k), lastMillis[k], planned, txGroups);
      if (c.length == 2) { // a re-hire: {time, key}
        role[k] = (byte) r.nextInt(HistoryGenerator.ROLES.length);
        life.reinsert(c[0], x -> x.put("role", roleName(k)));
      } else {
        apply(r, Change.values()[(int) c[2]], life, k, c[0], rehires, horizonDay);
      }
      alive.set(k, life.alive());
      lastMillis[k] = life.lastMillis();
    }
    return planned;
  }

  private void apply(SplittableRandom r, Change change, Life life, int k, long at, TreeMap<Long, List<long[]>> rehires,
      long horizonDay) {
    if (!life.alive()) {
      return; // a change to someone who left: nothing happens
    }
    switch (change) {
      case ROLE -> {
        role[k] = (byte) r.nextInt(HistoryGenerator.ROLES.length);
        life.update(at, x -> x.put("role", roleName(k)));
      }
      case COMMISSION -> {
        commission[k] = (short) r.nextInt(500, 3000);
        life.update(at, x -> x.put("commission_rate", commissionRate(k)));
      }
      case PROVIDER -> {
        provider[k] = 1 + r.nextInt(providers);
        life.update(at, x -> x.put("provider_id", (long) provider[k]));
      }
      case EMAIL -> {
        emailVersion[k] = (short) (1 + r.nextInt(100));
        life.update(at, x -> x.put("email", email(k)));
      }
      case NAME -> {
        name[k] = (short) r.nextInt(HistoryGenerator.FIRST.length * HistoryGenerator.LAST.length);
        life.update(at, x -> x.put("full_name", fullName(k)));
      }
      case NO_OP -> life.update(at, x -> { });
      case FLIP_FLOP -> life.flipFlop(at, "role", "trainee");
      case REHIRED_IN_ONE_TX -> {
        commission[k] = (short) r.nextInt(500, 3000);
        life.deleteAndReinsertInOneTransaction(at, x -> x.put("commission_rate", commissionRate(k)));
      }
      case LEAVES -> {
        life.delete(at);
        if (r.nextBoolean()) {
          long back = life.lastMillis() + 7 * DAY + r.nextLong(14 * DAY);
          if (Math.floorDiv(back, DAY) < horizonDay) {
            rehires.computeIfAbsent(Math.floorDiv(back, DAY), d -> new ArrayList<>()).add(new long[] {back, k});
          }
        }
      }
    }
  }

  private Map<String, Object> row(int k) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("employee_id", (long) k + 1);
    row.put("provider_id", (long) provider[k]);
    row.put("full_name", fullName(k));
    row.put("email", email(k));
    row.put("role", roleName(k));
    row.put("commission_rate", commissionRate(k));
    row.put("hired_on", LocalDate.ofEpochDay(hiredOn[k]));
    row.put("updated_at", Instant.ofEpochMilli(lastMillis[k]));
    return row;
  }

  private String fullName(int k) {
    return HistoryGenerator.FIRST[name[k] / HistoryGenerator.LAST.length] + " "
        + HistoryGenerator.LAST[name[k] % HistoryGenerator.LAST.length];
  }

  private String email(int k) {
    return emailVersion[k] < 0 ? null : emailVersion[k] == 0 ? "emp" + (k + 1) + "@example.com"
        : "e" + (k + 1) + "." + emailVersion[k] + "@example.com";
  }

  private String roleName(int k) {
    return HistoryGenerator.ROLES[role[k]];
  }

  private BigDecimal commissionRate(int k) {
    return BigDecimal.valueOf(commission[k], 4);
  }
}
