package org.fairness4j.core.bootstrap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.fairness4j.core.stats.Interval;

/**
 * Bootstrap intervals of every number of a report, by name ({@code by_group/F/recall}, {@code
 * difference/between_groups/fpr}, {@code fairness/equalized_odds_difference/between_groups/mean},
 * ...). A statistic undefined in the original report, or in more than the allowed share of
 * replicates, has no interval. Immutable.
 *
 * @param resamples number of replicates
 * @param seed the seed that produced them
 * @param intervals statistic name to interval
 * @param undefinedShare statistic name to the share of replicates in which it was undefined
 */
public record BootstrapResult(
    int resamples, long seed, Map<String, Interval> intervals, Map<String, Double> undefinedShare) {
  /**
   * Creates a result.
   *
   * @param resamples replicates
   * @param seed seed
   * @param intervals intervals
   * @param undefinedShare undefined shares
   */
  public BootstrapResult {
    intervals = Collections.unmodifiableMap(new LinkedHashMap<>(intervals));
    undefinedShare = Collections.unmodifiableMap(new LinkedHashMap<>(undefinedShare));
  }

  /**
   * Returns the interval of a statistic.
   *
   * @param statistic e.g. {@code difference/between_groups/recall}
   * @return the interval
   * @throws IllegalArgumentException listing a few known names if there is none
   */
  public Interval interval(String statistic) {
    Interval i = intervals.get(statistic);
    if (i == null) {
      throw new IllegalArgumentException(
          "no interval for '"
              + statistic
              + "' (undefined, or not a statistic); e.g. "
              + intervals.keySet().stream().limit(5).toList());
    }
    return i;
  }

  /**
   * Returns the names of the statistics with an interval.
   *
   * @return the names
   */
  public Set<String> statistics() {
    return intervals.keySet();
  }
}
