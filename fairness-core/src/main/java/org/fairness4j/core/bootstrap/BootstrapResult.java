package org.fairness4j.core.bootstrap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.stats.Interval;

/**
 * The intervals of every number of a report, by the {@link ReportStatisticId#key() key} of its
 * identity ({@code by_group/F/recall}, {@code difference/between_groups/fpr}, {@code
 * difference/to_reference/M/recall}, {@code
 * fairness/equalized_odds_difference/between_groups/mean}, ...); each interval's {@link
 * Interval#method()} says how it was computed ({@code bootstrap-percentile}, {@code bootstrap-bca},
 * {@code wilson}, {@code newcombe}, {@code katz-log}, with {@code -clustered} when from effective
 * counts). A statistic undefined in the original report, or defined in fewer than two replicates,
 * has no interval. Replicates in which a statistic is undefined are left out of its interval;
 * {@link #undefinedShare()} says what share that was, and past the builder's limit (10 % by
 * default) the interval has a {@link #warnings() warning}. Immutable.
 *
 * @param resamples number of replicates
 * @param seed the seed that produced them
 * @param intervals statistic name to interval
 * @param undefinedShare statistic name to the share of replicates in which it was undefined (every
 *     statistic, with an interval or not)
 * @param warnings statistic name to why its interval is unreliable (only statistics with one)
 * @param notes one-line notes about the whole result (e.g. BCa replaced by percentile), each
 *     distinct text of {@code intervalNotes} among them
 * @param intervalNotes statistic name to a one-line note on an interval that is reliable but does
 *     not keep the study's 93–97 % coverage (conservative: it covers more than its level); the
 *     coverage claim of docs/statistics.md is made for intervals with neither a warning nor a note
 */
public record BootstrapResult(
    int resamples,
    long seed,
    Map<String, Interval> intervals,
    Map<String, Double> undefinedShare,
    Map<String, String> warnings,
    List<String> notes,
    Map<String, String> intervalNotes) {
  /**
   * Creates a result.
   *
   * @param resamples replicates
   * @param seed seed
   * @param intervals intervals
   * @param undefinedShare undefined shares
   * @param warnings warnings
   * @param notes notes
   * @param intervalNotes statistic name to a one-line note on an interval that is reliable but does
   *     not keep the study's 93–97 % coverage (conservative: it covers more than its level); the
   *     coverage claim of docs/statistics.md is made for intervals with neither a warning nor a
   *     note
   */
  public BootstrapResult {
    intervals = Collections.unmodifiableMap(new LinkedHashMap<>(intervals));
    undefinedShare = Collections.unmodifiableMap(new LinkedHashMap<>(undefinedShare));
    warnings = Collections.unmodifiableMap(new LinkedHashMap<>(warnings));
    notes = List.copyOf(notes);
    intervalNotes = Collections.unmodifiableMap(new LinkedHashMap<>(intervalNotes));
  }

  /**
   * Creates a result without per-interval notes.
   *
   * @param resamples replicates
   * @param seed seed
   * @param intervals intervals
   * @param undefinedShare undefined shares
   * @param warnings warnings
   * @param notes notes
   */
  public BootstrapResult(
      int resamples,
      long seed,
      Map<String, Interval> intervals,
      Map<String, Double> undefinedShare,
      Map<String, String> warnings,
      List<String> notes) {
    this(resamples, seed, intervals, undefinedShare, warnings, notes, Map.of());
  }

  /**
   * Creates a result without warnings or notes.
   *
   * @param resamples replicates
   * @param seed seed
   * @param intervals intervals
   * @param undefinedShare undefined shares
   */
  public BootstrapResult(
      int resamples,
      long seed,
      Map<String, Interval> intervals,
      Map<String, Double> undefinedShare) {
    this(resamples, seed, intervals, undefinedShare, Map.of(), List.of(), Map.of());
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
   * Returns the interval of a report number (its {@link ReportStatisticId#key() key} is the name in
   * {@link #intervals()}).
   *
   * @param id the number's identity
   * @return the interval
   * @throws IllegalArgumentException if there is none
   */
  public Interval interval(ReportStatisticId id) {
    return interval(id.key());
  }

  /**
   * Returns why a report number's interval is unreliable.
   *
   * @param id the number's identity
   * @return the warning, or empty when there is none
   */
  public Optional<String> warning(ReportStatisticId id) {
    return warning(id.key());
  }

  /**
   * Returns the note on a report number's interval.
   *
   * @param id the number's identity
   * @return the note, or empty when there is none
   */
  public Optional<String> note(ReportStatisticId id) {
    return note(id.key());
  }

  /**
   * Returns why a statistic's interval is unreliable.
   *
   * @param statistic a statistic name
   * @return the warning, or empty when there is none
   */
  public Optional<String> warning(String statistic) {
    return Optional.ofNullable(warnings.get(statistic));
  }

  /**
   * Returns the note on a statistic's interval (reliable, but conservative: see {@link
   * #intervalNotes()}).
   *
   * @param statistic a statistic name
   * @return the note, or empty when there is none
   */
  public Optional<String> note(String statistic) {
    return Optional.ofNullable(intervalNotes.get(statistic));
  }

  /**
   * Returns whether a statistic's interval carries neither a warning nor a note: the intervals for
   * which the coverage study claims 93–97 % at 95 % nominal.
   *
   * @param statistic a statistic name
   * @return true when it has neither
   */
  public boolean unqualified(String statistic) {
    return !warnings.containsKey(statistic) && !intervalNotes.containsKey(statistic);
  }

  /**
   * Returns the share of replicates in which a statistic was undefined (and left out).
   *
   * @param statistic a statistic name
   * @return the share in [0, 1], or NaN for an unknown name
   */
  public double undefinedShare(String statistic) {
    return undefinedShare.getOrDefault(statistic, Double.NaN);
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
