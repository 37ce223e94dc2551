package io.historylane.testdata;

import io.historylane.testdata.Life.Planned;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the sample domain's change history, deterministically from a seed. Rows live before
 * the initial snapshot (they reach the archive only as snapshot reads) or are created while
 * streaming; they are updated (tracked, type-1 and no-op changes), deleted, re-inserted, moved
 * across days, and changed several times in one transaction. Deliveries add late arrivals and
 * at-least-once duplicates. Every case cdc-and-scd2.md names is in it.
 */
public final class HistoryGenerator {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  static final String[] FIRST = {"Ada", "Ben", "Cleo", "Dan", "Eva", "Finn", "Gia", "Hugo", "Iris", "Jon",
      "Kai", "Lena", "Mia", "Nico", "Olga", "Piotr", "Rosa", "Sam", "Tara", "Uma", "Vera", "Wit", "Zoe"};
  static final String[] LAST = {"Nowak", "Smith", "Rossi", "Garcia", "Novak", "Kim", "Silva", "Weber",
      "Dubois", "Jansen", "Kowalska", "Berg", "Moreau", "Costa"};
  private static final String[] CITIES = {"Warsaw", "Krakow", "Berlin", "Lisbon", "Madrid", "Prague", "Vienna", "Oslo"};
  private static final String[] TIERS = {"basic", "plus", "premium"};
  static final String[] ROLES = {"junior_stylist", "stylist", "senior_stylist", "manager", "receptionist"};
  private static final String[] CATEGORIES = {"hair", "nails", "massage", "skin", "barber", "makeup"};
  private static final String[] SERVICE_NAMES = {"Cut", "Colour", "Blow-dry", "Manicure", "Pedicure", "Deep tissue",
      "Facial", "Beard trim", "Balayage", "Gel nails", "Hot stone", "Brow shaping"};
  private static final String[] PAYMENT = {"card", "cash", "voucher", "mobile"};
  private static final String[] STATUSES_AFTER = {"completed", "completed", "completed", "no_show"};

  /**
   * @param scale multiplies every count: 0.5 is the committed sample (about 30,000 events)
   * @param start the initial snapshot is taken at the start of this day; streaming follows
   * @param end the history ends here (exclusive)
   * @param preHistoryDays how far back rows existing at the snapshot were created
   */
  public record Settings(long seed, double scale, LocalDate start, LocalDate end, int preHistoryDays) {
    /** The committed sample: three months of streaming after a snapshot of two months' rows. */
    public static Settings sample() {
      return new Settings(42, 0.5, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 4, 1), 60);
    }

    public Settings withScale(double newScale) {
      return new Settings(seed, newScale, start, end, preHistoryDays);
    }

    public Settings withSeed(long newSeed) {
      return new Settings(newSeed, scale, start, end, preHistoryDays);
    }
  }

  private final Settings settings;
  private final long snapshotMillis;
  private final long startMillis;
  private final long endMillis;
  private final long schemaChangeMillis;
  private final long[] txGroups = {1};

  public HistoryGenerator(Settings settings) {
    this.settings = settings;
    this.startMillis = millis(settings.start());
    this.snapshotMillis = startMillis + 5 * MINUTE;
    this.endMillis = millis(settings.end());
    // sales gain the tip column a third of the way through
    this.schemaChangeMillis = startMillis + (endMillis - startMillis) / 3;
  }

  public static DomainHistory sample() {
    return new HistoryGenerator(Settings.sample()).generate();
  }

  public DomainHistory generate() {
    SplittableRandom root = new SplittableRandom(settings.seed());
    Map<TableDef, List<Planned>> planned = new LinkedHashMap<>();
    planned.put(SampleDomain.PROVIDERS, providers(root.split()));
    planned.put(SampleDomain.EMPLOYEES, employees(root.split()));
    planned.put(SampleDomain.SERVICES, services(root.split()));
    planned.put(SampleDomain.CUSTOMERS, customers(root.split()));
    planned.put(SampleDomain.APPOINTMENTS, appointments(root.split()));
    planned.put(SampleDomain.SALES, sales(root.split()));
    return new Sequencer(planned, root.split()).sequence();
  }

  /**
   * Writes the sales topic alone into the archive under {@code root}, planning, sequencing and
   * writing day by day ({@link TopicStream}), so memory stays bounded at any scale: a benchmark's
   * millions of events with the sample's realism (snapshot reads of the days before streaming
   * began, corrections, voids, sales moved to another day, no-op touches, the tip column added, a
   * truncate, duplicate deliveries and late files).
   */
  public DebeziumArchiveWriter.Written streamSales(Path root) {
    SplittableRandom random = new SplittableRandom(settings.seed());
    TopicStream stream = new TopicStream(root, SampleDomain.SALES, snapshotMillis, schemaChangeMillis, random.split());
    stream.truncateOn((Math.floorDiv(snapshotMillis, DAY) + lastSalesDay()) / 2);
    SplittableRandom r = random.split();
    long[] nextId = {1};
    for (long day = firstSalesDay(); day < lastSalesDay(); day++) {
      List<Planned> planned = Life.newSink();
      salesOfDay(r, day, nextId, planned);
      planned.forEach(stream::plan);
      // a day's sales commit on that day, their later fates later: no change still to plan commits on or before it
      stream.completeThrough(day);
    }
    return stream.finish();
  }

  private int count(double base) {
    return Math.max(1, (int) Math.round(base * settings.scale()));
  }

  private long preHistoryTime(SplittableRandom r) {
    return snapshotMillis - 1 - r.nextLong(settings.preHistoryDays() * DAY);
  }

  private long streamingTime(SplittableRandom r, long from) {
    long lo = Math.max(from, snapshotMillis + MINUTE);
    return lo >= endMillis - MINUTE ? endMillis - MINUTE : r.nextLong(lo, endMillis - MINUTE);
  }

  private static String pick(SplittableRandom r, String[] values) {
    return values[r.nextInt(values.length)];
  }

  private static String name(SplittableRandom r) {
    return pick(r, FIRST) + " " + pick(r, LAST);
  }

  private static BigDecimal money(SplittableRandom r, int min, int max) {
    return BigDecimal.valueOf(r.nextInt(min * 100, max * 100), 2);
  }

  private long providerCount() {
    return count(20);
  }

  private List<Planned> providers(SplittableRandom r) {
    List<Planned> sink = Life.newSink();
    for (long id = 1; id <= providerCount(); id++) {
      Life life = new Life(SampleDomain.PROVIDERS, id, sink, txGroups);
      long created = preHistoryTime(r);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("provider_id", id);
      row.put("name", pick(r, LAST) + " " + pick(r, new String[] {"Studio", "Salon", "Spa", "Barbers"}));
      row.put("city", pick(r, CITIES));
      row.put("tier", pick(r, TIERS));
      row.put("created_at", Instant.ofEpochMilli(created));
      row.put("updated_at", Instant.ofEpochMilli(created));
      life.create(created, row);
      int changes = r.nextInt(4);
      long t = Math.max(created, snapshotMillis);
      for (int i = 0; i < changes; i++) {
        t = streamingTime(r, t + HOUR);
        switch (r.nextInt(4)) {
          case 0 -> life.update(t, x -> x.put("tier", pick(r, TIERS)));
          case 1 -> life.update(t, x -> x.put("city", pick(r, CITIES)));
          case 2 -> life.update(t, x -> x.put("name", pick(r, LAST) + " Studio"));
          default -> life.update(t, x -> { });
        }
      }
      if (id == 3) {
        // a salon closes and reopens: a deletion period in its history
        life.delete(streamingTime(r, life.lastMillis() + DAY));
        life.reinsert(streamingTime(r, life.lastMillis() + 5 * DAY), x -> x.put("tier", "basic"));
      }
    }
    return sink;
  }

  private List<Planned> employees(SplittableRandom r) {
    List<Planned> sink = Life.newSink();
    int total = count(120);
    for (long id = 1; id <= total; id++) {
      Life life = new Life(SampleDomain.EMPLOYEES, id, sink, txGroups);
      boolean preExisting = id <= total * 5 / 6;
      long created = preExisting ? preHistoryTime(r) : streamingTime(r, snapshotMillis);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("employee_id", id);
      row.put("provider_id", 1 + r.nextLong(providerCount()));
      row.put("full_name", name(r));
      row.put("email", r.nextInt(10) == 0 ? null : "emp" + id + "@example.com");
      row.put("role", pick(r, ROLES));
      row.put("commission_rate", BigDecimal.valueOf(r.nextInt(500, 3000), 4));
      row.put("hired_on", LocalDate.ofEpochDay(Math.floorDiv(created, DAY)));
      row.put("updated_at", Instant.ofEpochMilli(created));
      life.create(created, row);
      // a few changes before the snapshot, which the archive never sees (the snapshot folds them)
      long t = created;
      if (preExisting && r.nextInt(3) == 0) {
        long before = t + r.nextLong(Math.max(1, snapshotMillis - t - MINUTE));
        if (before > t && before < snapshotMillis) {
          life.update(before, x -> x.put("role", pick(r, ROLES)));
          t = before;
        }
      }
      t = Math.max(t, snapshotMillis);
      int changes = r.nextInt(6);
      for (int i = 0; i < changes && t < endMillis - 2 * DAY; i++) {
        t = streamingTime(r, t + HOUR);
        int kind = r.nextInt(12);
        switch (kind) {
          case 0, 1 -> life.update(t, x -> x.put("role", pick(r, ROLES)));
          case 2, 3 -> life.update(t, x -> x.put("commission_rate", BigDecimal.valueOf(r.nextInt(500, 3000), 4)));
          case 4 -> life.update(t, x -> x.put("provider_id", 1 + r.nextLong(providerCount())));
          case 5, 6 -> life.update(t, x -> x.put("email", "e" + x.get("employee_id") + "." + r.nextInt(100) + "@example.com"));
          case 7 -> life.update(t, x -> x.put("full_name", name(r)));
          case 8 -> life.update(t, x -> { }); // no-op: only updated_at moves
          case 9 -> life.flipFlop(t, "role", "trainee");
          case 10 -> life.deleteAndReinsertInOneTransaction(t, x -> x.put("commission_rate", BigDecimal.valueOf(r.nextInt(500, 3000), 4)));
          default -> {
            // leaves, and is hired back later (a re-insert opens a new version)
            life.delete(t);
            if (r.nextBoolean()) {
              t = streamingTime(r, t + 7 * DAY);
              life.reinsert(t, x -> x.put("role", pick(r, ROLES)));
            }
          }
        }
      }
    }
    return sink;
  }

  private List<Planned> services(SplittableRandom r) {
    List<Planned> sink = Life.newSink();
    int total = count(200);
    for (long id = 1; id <= total; id++) {
      Life life = new Life(SampleDomain.SERVICES, id, sink, txGroups);
      long created = id <= total * 9 / 10 ? preHistoryTime(r) : streamingTime(r, snapshotMillis);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("service_id", id);
      row.put("provider_id", 1 + r.nextLong(providerCount()));
      row.put("name", pick(r, SERVICE_NAMES));
      row.put("category", pick(r, CATEGORIES));
      row.put("price", money(r, 20, 200));
      row.put("duration_min", 15 * (1 + r.nextInt(8)));
      row.put("updated_at", Instant.ofEpochMilli(created));
      life.create(created, row);
      long t = Math.max(created, snapshotMillis);
      int changes = r.nextInt(4);
      for (int i = 0; i < changes; i++) {
        t = streamingTime(r, t + HOUR);
        switch (r.nextInt(6)) {
          case 0, 1 -> life.update(t, x -> x.put("price", ((BigDecimal) x.get("price")).multiply(BigDecimal.valueOf(105, 2)).setScale(2, RoundingMode.HALF_UP)));
          case 2 -> life.update(t, x -> x.put("category", pick(r, CATEGORIES)));
          case 3 -> life.update(t, x -> x.put("name", pick(r, SERVICE_NAMES) + " deluxe"));
          case 4 -> life.update(t, x -> x.put("duration_min", 15 * (1 + r.nextInt(8))));
          default -> life.update(t, x -> { });
        }
      }
      if (r.nextInt(40) == 0) {
        life.delete(streamingTime(r, life.lastMillis() + DAY));
      }
    }
    return sink;
  }

  private List<Planned> customers(SplittableRandom r) {
    List<Planned> sink = Life.newSink();
    int total = count(1500);
    for (long id = 1; id <= total; id++) {
      Life life = new Life(SampleDomain.CUSTOMERS, id, sink, txGroups);
      long created = id <= total * 2 / 3 ? preHistoryTime(r) : streamingTime(r, snapshotMillis);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("customer_id", id);
      row.put("full_name", name(r));
      row.put("email", r.nextInt(5) == 0 ? null : "c" + id + "@example.com");
      row.put("city", pick(r, CITIES));
      row.put("created_at", Instant.ofEpochMilli(created));
      row.put("updated_at", Instant.ofEpochMilli(created));
      life.create(created, row);
      long t = Math.max(created, snapshotMillis);
      if (r.nextInt(10) == 0) {
        life.update(t = streamingTime(r, t + HOUR), x -> x.put("city", pick(r, CITIES)));
      }
      if (r.nextInt(10) == 0) {
        life.update(streamingTime(r, t + HOUR), x -> x.put("email", "c" + x.get("customer_id") + ".new@example.com"));
      }
      if (r.nextInt(200) == 0) {
        life.delete(streamingTime(r, life.lastMillis() + HOUR));
      }
    }
    return sink;
  }

  private List<Planned> appointments(SplittableRandom r) {
    List<Planned> sink = Life.newSink();
    long firstDay = Math.floorDiv(snapshotMillis, DAY) - settings.preHistoryDays();
    long lastDay = Math.floorDiv(endMillis, DAY);
    long id = 1;
    for (long day = firstDay; day < lastDay; day++) {
      int perDay = count(80);
      for (int i = 0; i < perDay; i++, id++) {
        Life life = new Life(SampleDomain.APPOINTMENTS, id, sink, txGroups);
        long created = day * DAY + r.nextLong(DAY);
        // booked up to 30 days ahead, on a quarter hour
        long starts = (created + HOUR + r.nextLong(30 * DAY)) / (15 * MINUTE) * (15 * MINUTE);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("appointment_id", id);
        row.put("provider_id", 1 + r.nextLong(providerCount()));
        row.put("employee_id", 1 + r.nextLong(count(120)));
        row.put("customer_id", 1 + r.nextLong(count(1500)));
        row.put("service_id", 1 + r.nextLong(count(200)));
        row.put("starts_at", LocalDateTime.ofEpochSecond(starts / 1000, 0, ZoneOffset.UTC));
        row.put("status", "booked");
        row.put("created_at", Instant.ofEpochMilli(created));
        row.put("updated_at", Instant.ofEpochMilli(created));
        life.create(created, row);
        int fate = r.nextInt(100);
        if (fate < 8) {
          long moved = starts + (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(5)) * DAY;
          life.update(created + HOUR + r.nextLong(DAY), x -> x.put("starts_at",
              LocalDateTime.ofEpochSecond(Math.max(moved, created + HOUR) / 1000, 0, ZoneOffset.UTC)));
        }
        if (fate >= 8 && fate < 18) {
          life.update(created + r.nextLong(Math.max(1, starts - created)), x -> x.put("status", "cancelled"));
        } else if (fate == 99) {
          life.delete(created + r.nextLong(DAY));
        } else {
          long done = ((LocalDateTime) life.row().get("starts_at")).toInstant(ZoneOffset.UTC).toEpochMilli() + HOUR;
          if (done < endMillis) {
            life.update(done, x -> x.put("status", pick(r, STATUSES_AFTER)));
          }
        }
      }
    }
    return sink;
  }

  private List<Planned> sales(SplittableRandom r) {
    List<Planned> sink = Life.newSink();
    long[] nextId = {1};
    for (long day = firstSalesDay(); day < lastSalesDay(); day++) {
      salesOfDay(r, day, nextId, sink);
    }
    return sink;
  }

  private long firstSalesDay() {
    return Math.floorDiv(snapshotMillis, DAY) - settings.preHistoryDays();
  }

  private long lastSalesDay() {
    return Math.floorDiv(endMillis, DAY);
  }

  /**
   * Plans the sales of one day and their later fates (corrections, voids, moved days, no-op
   * touches), all committed within 10 days and 1 hour of the sale.
   *
   * @param nextId the next sale id, advanced past the day's sales
   */
  private void salesOfDay(SplittableRandom r, long day, long[] nextId, List<Planned> sink) {
    int perDay = count(80) + r.nextInt(count(20) + 1);
    for (int i = 0; i < perDay; i++) {
      long id = nextId[0]++;
      long soldMillis = day * DAY + 8 * HOUR + r.nextLong(12 * HOUR);
      long committed = soldMillis + 5_000 + r.nextLong(10 * MINUTE);
      if (committed >= endMillis) {
        continue;
      }
      Life life = new Life(SampleDomain.SALES, id, sink, txGroups);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("sale_id", id);
      row.put("provider_id", 1 + r.nextLong(providerCount()));
      row.put("employee_id", 1 + r.nextLong(count(120)));
      row.put("customer_id", 1 + r.nextLong(count(1500)));
      row.put("service_id", 1 + r.nextLong(count(200)));
      row.put("appointment_id", r.nextInt(4) == 0 ? null : 1 + r.nextLong(Math.max(1, id)));
      row.put("sold_at", LocalDateTime.ofEpochSecond(soldMillis / 1000, (int) (soldMillis % 1000) * 1_000_000, ZoneOffset.UTC));
      row.put("amount", money(r, 15, 250));
      row.put("currency", "EUR");
      row.put("payment_method", pick(r, PAYMENT));
      row.put("updated_at", Instant.ofEpochMilli(committed));
      if (committed >= schemaChangeMillis) {
        row.put("tip", r.nextInt(3) == 0 ? null : money(r, 0, 30));
      }
      life.create(committed, row);
      int fate = r.nextInt(100);
      long later = committed + HOUR + r.nextLong(10 * DAY);
      if (later >= endMillis) {
        continue;
      }
      if (fate < 10) {
        // a correction of the amount, within the late-update horizon
        life.update(later, x -> x.put("amount", money(r, 15, 250)));
      } else if (fate < 13) {
        // voided: the fact disappears
        life.delete(committed + 10 * MINUTE + r.nextLong(3 * DAY));
      } else if (fate < 15) {
        // sold_at corrected to another day: the fact moves partitions
        long shift = (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(3)) * DAY;
        life.update(later, x -> x.put("sold_at", ((LocalDateTime) x.get("sold_at")).plusSeconds(shift / 1000)));
      } else if (fate < 16) {
        life.update(later, x -> { }); // a no-op touch
      }
    }
  }

  private static long millis(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /**
   * Turns planned changes into Debezium events: folds pre-snapshot history into snapshot reads,
   * assigns LSNs in commit order, applies the schema change, and plans deliveries.
   */
  private final class Sequencer {
    private final Map<TableDef, List<Planned>> planned;
    private final SplittableRandom random;

    Sequencer(Map<TableDef, List<Planned>> planned, SplittableRandom random) {
      this.planned = planned;
      this.random = random;
    }

    DomainHistory sequence() {
      Map<String, List<ChangeEvent>> truth = new LinkedHashMap<>();
      List<Planned> streamed = new ArrayList<>();
      for (Map.Entry<TableDef, List<Planned>> e : planned.entrySet()) {
        TableDef table = e.getKey();
        List<ChangeEvent> events = new ArrayList<>(snapshotReads(table, e.getValue()));
        truth.put(table.name(), events);
        for (Planned p : e.getValue()) {
          if (p.commitMillis() > snapshotMillis) {
            streamed.add(p);
          }
        }
      }
      streamed.sort(Planned.COMMIT_ORDER);
      Wal wal = new Wal(schemaChangeMillis);
      for (Planned p : streamed) {
        truth.get(p.table().name()).add(wal.commit(p, random));
      }
      List<ChangeEvent> sales = truth.get(SampleDomain.SALES.name());
      sales.addAll(Wal.truncateAndMessage(sales.get(sales.size() / 2)));
      sameLsnAsSnapshot(truth.get(SampleDomain.EMPLOYEES.name()));
      Map<String, List<ChangeEvent>> deliveries = new LinkedHashMap<>();
      for (Map.Entry<String, List<ChangeEvent>> e : truth.entrySet()) {
        e.getValue().sort(Comparator.comparingLong(ChangeEvent::lsn).thenComparing(ev -> ev.op() == 'r' ? 0 : 1));
        deliveries.put(e.getKey(), deliver(e.getValue()));
      }
      return new DomainHistory(truth, deliveries, snapshotMillis, Wal.SNAPSHOT_LSN, schemaChangeMillis,
          Instant.ofEpochMilli(endMillis));
    }

    /** The state of every row alive at the snapshot, read once, at the snapshot's time and LSN. */
    private List<ChangeEvent> snapshotReads(TableDef table, List<Planned> changes) {
      List<Planned> before = new ArrayList<>();
      for (Planned p : changes) {
        if (p.commitMillis() <= snapshotMillis) {
          before.add(p);
        }
      }
      before.sort(Comparator.comparingLong(Planned::commitMillis).thenComparingInt(Planned::seq));
      Map<Long, Planned> state = new LinkedHashMap<>();
      before.forEach(p -> Life.fold(state, p));
      List<ChangeEvent> reads = new ArrayList<>();
      for (Planned p : state.values()) {
        reads.add(Wal.snapshotRead(table, p.key(), p.row(), snapshotMillis, reads.size() == state.size() - 1));
      }
      return reads;
    }

    /**
     * The first streamed change of one snapshot-read employee shares the snapshot's LSN: the
     * ordering rule says the snapshot read ranks below it.
     */
    private void sameLsnAsSnapshot(List<ChangeEvent> employees) {
      Map<Long, Boolean> read = new HashMap<>();
      for (ChangeEvent e : employees) {
        if (e.op() == 'r') {
          read.put(e.key(), true);
        }
      }
      for (int i = 0; i < employees.size(); i++) {
        ChangeEvent e = employees.get(i);
        if (e.op() == 'u' && read.containsKey(e.key())) {
          employees.set(i, e.withLsn(Wal.SNAPSHOT_LSN));
          return;
        }
      }
    }

    private List<ChangeEvent> deliver(List<ChangeEvent> events) {
      List<ChangeEvent> out = new ArrayList<>();
      int i = 0;
      for (ChangeEvent e : events) {
        Delivery.deliver(e, snapshotMillis + (e.op() == 'r' ? i++ / 50 : 0), random, out::add);
      }
      out.sort(ChangeEvent.ARRIVAL_ORDER);
      return out;
    }
  }
}
