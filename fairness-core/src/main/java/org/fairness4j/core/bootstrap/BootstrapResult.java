package org.fairness4j.core.bootstrap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.stats.Interval;

/**
 * The intervals of every number of a report, by its {@link ReportStatisticId} (written under its
 * {@link ReportStatisticId#key() key}: {@code by_group/F/recall}, {@code
 * difference/between_groups/fpr}, {@code difference/to_reference/M/recall}, {@code
 * fairness/equalized_odds_difference/between_groups/mean}, ...); each interval's {@link
 * Interval#method()} says how it was computed ({@code bootstrap-percentile}, {@code bootstrap-bca},
 * {@code wilson}, {@code miettinen-nurminen}, {@code katz-log}, with {@code -clustered} when from
 * effective counts). A statistic undefined in the original report, or defined in fewer than two
 * replicates, has no interval. Replicates in which a statistic is undefined are left out of its
 * interval; {@link #undefinedShare()} says what share that was, and past the builder's limit (10 %
 * by default) the interval has a {@link #warnings() warning}. Immutable.
 *
 * @param resamples number of replicates
 * @param seed the seed that produced them
 * @param intervals report number to interval
 * @param undefinedShare report number to the share of replicates in which it was undefined (every
 *     statistic, with an interval or not)
 * @param warnings report number to why its interval is unreliable (only statistics with one)
 * @param notes one-line notes about the whole result (e.g. BCa replaced by percentile), each
 *     distinct text of {@code intervalNotes} among them
 * @param intervalNotes report number to a one-line note on an interval that is reliable but does
 *     not keep the study's 93–97 % coverage (conservative: it covers more than its level); the
 *     coverage claim of docs/statistics.md is made for intervals with neither a warning nor a note
 */
public record BootstrapResult(
    int resamples,
    long seed,
    Map<ReportStatisticId, Interval> intervals,
    Map<ReportStatisticId, Double> undefinedShare,
    Map<ReportStatisticId, String> warnings,
    List<String> notes,
    Map<ReportStatisticId, String> intervalNotes) {
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
      Map<ReportStatisticId, Interval> intervals,
      Map<ReportStatisticId, Double> undefinedShare,
      Map<ReportStatisticId, String> warnings,
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
      Map<ReportStatisticId, Interval> intervals,
      Map<ReportStatisticId, Double> undefinedShare) {
    this(resamples, seed, intervals, undefinedShare, Map.of(), List.of(), Map.of());
  }

  /**
   * Returns the interval of a report number.
   *
   * @param id the number's identity
   * @return the interval
   * @throws IllegalArgumentException listing a few known numbers if there is none
   */
  public Interval interval(ReportStatisticId id) {
    Interval i = intervals.get(id);
    if (i == null) {
      throw new IllegalArgumentException(
          "no interval for '"
              + id
              + "' (undefined, or not a statistic); e.g. "
              + intervals.keySet().stream().limit(5).toList());
    }
    return i;
  }

  /**
   * Returns why a report number's interval is unreliable.
   *
   * @param id the number's identity
   * @return the warning, or empty when there is none
   */
  public Optional<String> warning(ReportStatisticId id) {
    return Optional.ofNullable(warnings.get(id));
  }

  /**
   * Returns the note on a report number's interval (reliable, but conservative: see {@link
   * #intervalNotes()}).
   *
   * @param id the number's identity
   * @return the note, or empty when there is none
   */
  public Optional<String> note(ReportStatisticId id) {
    return Optional.ofNullable(intervalNotes.get(id));
  }

  /**
   * Returns whether a report number's interval carries neither a warning nor a note: the intervals
   * for which the coverage study claims 93–97 % at 95 % nominal.
   *
   * @param id the number's identity
   * @return true when it has neither
   */
  public boolean unqualified(ReportStatisticId id) {
    return !warnings.containsKey(id) && !intervalNotes.containsKey(id);
  }

  /**
   * Returns the share of replicates in which a report number was undefined (and left out).
   *
   * @param id the number's identity
   * @return the share in [0, 1], or NaN for a number the bootstrap did not resample
   */
  public double undefinedShare(ReportStatisticId id) {
    return undefinedShare.getOrDefault(id, Double.NaN);
  }

  /**
   * Returns the report numbers with an interval.
   *
   * @return their identities, in report order
   */
  public Set<ReportStatisticId> ids() {
    return intervals.keySet();
  }

  /**
   * Returns this result with a warning on every interval: for a reason that concerns the whole
   * table rather than one number, such as rows that are not independent ({@link
   * UndeclaredClusters}). An interval that already has a warning keeps it, followed by {@code "; "}
   * and this one, so no reason is lost.
   *
   * @param warning the one-line reason
   * @return the result with the warning added
   * @throws IllegalArgumentException if the warning is blank
   */
  public BootstrapResult withWarning(String warning) {
    if (warning == null || warning.isBlank()) {
      throw new IllegalArgumentException("the warning must not be blank");
    }
    Map<ReportStatisticId, String> all = new LinkedHashMap<>(warnings);
    for (ReportStatisticId id : intervals.keySet()) {
      all.merge(id, warning, (old, w) -> old.endsWith(w) ? old : old + "; " + w);
    }
    return new BootstrapResult(
        resamples, seed, intervals, undefinedShare, all, notes, intervalNotes);
  }

  /**
   * This result with other intervals and warnings (the same resamples, seed, undefined shares and
   * notes): for the analytic intervals that replace resampling ones after the fact.
   */
  BootstrapResult withIntervals(
      Map<ReportStatisticId, Interval> newIntervals, Map<ReportStatisticId, String> newWarnings) {
    return new BootstrapResult(
        resamples, seed, newIntervals, undefinedShare, newWarnings, notes, intervalNotes);
  }

  /**
   * Returns the interval of a statistic by key.
   *
   * @param statistic e.g. {@code difference/between_groups/recall}
   * @return the interval
   * @throws IllegalArgumentException if there is none or the key is not a report number's
   * @deprecated use {@link #interval(ReportStatisticId)} with {@link ReportStatisticId#parse}
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  public Interval interval(String statistic) {
    return interval(ReportStatisticId.parse(statistic));
  }

  /**
   * Returns why a statistic's interval is unreliable, by key.
   *
   * @param statistic a statistic key
   * @return the warning, or empty when there is none (or the key is not a report number's)
   * @deprecated use {@link #warning(ReportStatisticId)}
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  public Optional<String> warning(String statistic) {
    return lookup(statistic, warnings);
  }

  /**
   * Returns the note on a statistic's interval, by key.
   *
   * @param statistic a statistic key
   * @return the note, or empty when there is none (or the key is not a report number's)
   * @deprecated use {@link #note(ReportStatisticId)}
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  public Optional<String> note(String statistic) {
    return lookup(statistic, intervalNotes);
  }

  /**
   * Returns whether a statistic's interval carries neither a warning nor a note, by key.
   *
   * @param statistic a statistic key
   * @return true when it has neither
   * @deprecated use {@link #unqualified(ReportStatisticId)}
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  public boolean unqualified(String statistic) {
    return lookup(statistic, warnings).isEmpty() && lookup(statistic, intervalNotes).isEmpty();
  }

  /**
   * Returns the share of replicates in which a statistic was undefined, by key.
   *
   * @param statistic a statistic key
   * @return the share in [0, 1], or NaN for an unknown key
   * @deprecated use {@link #undefinedShare(ReportStatisticId)}
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  public double undefinedShare(String statistic) {
    return lookup(statistic, undefinedShare).orElse(Double.NaN);
  }

  /**
   * Returns the keys of the statistics with an interval.
   *
   * @return the keys
   * @deprecated use {@link #ids()}
   */
  @Deprecated(since = "0.1.0", forRemoval = true)
  public Set<String> statistics() {
    return intervals.keySet().stream()
        .map(ReportStatisticId::key)
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  /** A lookup by key: empty for a key that is not a report number's. */
  private static <V> Optional<V> lookup(String key, Map<ReportStatisticId, V> map) {
    ReportStatisticId id;
    try {
      id = ReportStatisticId.parse(key);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(map.get(id));
  }
}
