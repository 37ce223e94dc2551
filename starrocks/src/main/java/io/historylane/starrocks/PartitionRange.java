package io.historylane.starrocks;

import io.historylane.core.config.MaterializedViewConfig.Granularity;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.Collections;

/**
 * The partitions of a materialized view a refresh covers: from the first changed day aligned down
 * to the MV's partition boundary to the day after the last changed day aligned up ({@code end}
 * exclusive, as StarRocks' {@code PARTITION START .. END} is). A range that does not line up with
 * the MV's partitions is refused or widened by StarRocks, so it is aligned here.
 */
public record PartitionRange(LocalDate start, LocalDate end) {

  /** The aligned range covering {@code days} (not empty) for an MV partitioned by {@code granularity}. */
  public static PartitionRange covering(Collection<LocalDate> days, Granularity granularity) {
    if (days.isEmpty() || granularity == Granularity.NONE) {
      throw new IllegalArgumentException("no partition range for " + days + " at granularity " + granularity);
    }
    LocalDate first = Collections.min(days);
    LocalDate last = Collections.max(days);
    return new PartitionRange(floor(first, granularity), ceiling(last.plusDays(1), granularity));
  }

  private static LocalDate floor(LocalDate day, Granularity granularity) {
    return switch (granularity) {
      case DAY -> day;
      // StarRocks' date_trunc('week', ..) starts weeks on Monday
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
      case YEAR -> day.withDayOfYear(1);
      case NONE -> throw new IllegalArgumentException("an unpartitioned MV has no partition boundaries");
    };
  }

  private static LocalDate ceiling(LocalDate exclusiveEnd, Granularity granularity) {
    LocalDate floor = floor(exclusiveEnd, granularity);
    if (floor.equals(exclusiveEnd)) {
      return exclusiveEnd;
    }
    return switch (granularity) {
      case WEEK -> floor.plusWeeks(1);
      case MONTH -> floor.plusMonths(1);
      case YEAR -> floor.plusYears(1);
      case DAY, NONE -> exclusiveEnd;
    };
  }

  /** {@code PARTITION START ('2025-01-01') END ('2025-02-01')}: dates are rendered, never copied from input. */
  public String sql() {
    return "PARTITION START ('" + start + "') END ('" + end + "')";
  }
}
