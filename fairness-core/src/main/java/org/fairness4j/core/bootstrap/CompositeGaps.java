package org.fairness4j.core.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.Interval;

/**
 * Score intervals of the max − min gap and the min / max ratio of F1 and balanced accuracy when
 * exactly two groups have the value ({@code difference/between_groups/f1}, {@code
 * ratio/between_groups/balanced_accuracy}, ...), in place of the percentile intervals with the
 * extreme-over-groups warning; for a binary, unweighted report without clusters, as {@link
 * CompositeIntervals}, and with clusters from the clustered intervals of the two groups ({@link
 * ClusteredCompositeIntervals}; methods {@code ...-folded-clustered}).
 *
 * <p>The gap |θ₁ − θ₀| inverts a test of |δ| built on the MOVER interval [L, U] of the signed
 * difference θ₁ − θ₀ = d from the two groups' intervals ({@link CompositeIntervals#difference}):
 * the lower bound is {@link FoldedInterval}'s (|d| folded-normal with the scale (d − L)/z on the
 * side of 0, one-sided near 0), the upper bound the larger of its upper bound and the fold's
 * max(|L|, |U|), so that θ is also accepted where the signed interval accepts the hypothesis of the
 * other sign (FoldedInterval alone covered 0.72 at 95 % where a small group's F1 came out 1 against
 * a larger group's true 0.99, d of the wrong sign with a tiny scale on its side). The ratio min(r,
 * 1/r), r = θ₁/θ₀, does the same for |log r| from the MOVER interval of log r ({@link
 * CompositeIntervals#ratio}); where one group's value is 0 the ratio is 0 and its interval [0,
 * min(u, 1)] from the MOVER-R upper bound u of 0/θ (none where that bound is undefined; the ratio
 * is undefined where both values are 0). The plain fold of [L, U] at 0 covered 0.98–0.99 at 95 %
 * for gaps near 0 (docs/coverage- study.md, "Session 10 (h22g)"). Where a group expects a confusion
 * count below 5 they carry the {@link SmallCounts} warning (they covered as little as 0.88 there).
 */
final class CompositeGaps {
  private static final String FOLDED = "-folded";
  private static final String CLUSTERED = "-clustered";

  private CompositeGaps() {}

  /**
   * Replaces the two-group gap and ratio intervals of F1 and balanced accuracy.
   *
   * @param report the original report
   * @param confidence the level
   * @param out statistic → interval; changed in place
   */
  static void apply(GroupReport report, double confidence, Map<ReportStatisticId, Interval> out) {
    if (!report.isBinary()) {
      return;
    }
    int positive = report.classes().require(report.positiveLabel().orElseThrow());
    apply(
        report,
        confidence,
        (g, m) ->
            CompositeIntervals.of(
                m, CompositeIntervals.cells(report.confusionMatrix(g), positive), confidence),
        "",
        out);
  }

  /**
   * Replaces the two-group gap and ratio intervals of F1 and balanced accuracy, folding the given
   * per-group intervals (the clustered ones of {@link ClusteredCompositeIntervals}).
   *
   * @param report the original report
   * @param confidence the level
   * @param groupInterval (group, metric) → the group's interval of the metric, or null
   * @param suffix the suffix of the group intervals' methods (such as {@code -clustered}), moved
   *     after {@code -folded} in the methods made here
   * @param out statistic → interval; changed in place
   */
  static void apply(
      GroupReport report,
      double confidence,
      BiFunction<GroupKey, Metric, Interval> groupInterval,
      String suffix,
      Map<ReportStatisticId, Interval> out) {
    if (!report.isBinary()) {
      return;
    }
    for (Metric m : List.of(Metric.F1, Metric.BALANCED_ACCURACY)) {
      List<Interval> two = groupIntervals(report, m, groupInterval, suffix);
      if (two == null) {
        continue;
      }
      Interval a = two.get(0);
      Interval b = two.get(1);
      ReportStatisticId gapId = ReportStatisticId.difference(DisparityMethod.BETWEEN_GROUPS, m);
      put(out, gapId, withSuffix(gap(b, a, confidence), suffix));
      ReportStatisticId ratioId = ReportStatisticId.ratio(DisparityMethod.BETWEEN_GROUPS, m);
      put(out, ratioId, withSuffix(minMaxRatio(b, a, confidence), suffix));
    }
  }

  /** Whether an interval's method is one made here. */
  static boolean isMethod(String method) {
    String m =
        method.endsWith(FOLDED + CLUSTERED)
            ? method.substring(0, method.length() - CLUSTERED.length())
            : method;
    return m.endsWith(FOLDED) && CompositeIntervals.isMethod(m.replace(FOLDED, ""));
  }

  /**
   * Adds the {@link SmallCounts} warning to the intervals made here when one of the two groups
   * expects a confusion count below its limit.
   */
  static void warn(
      GroupReport report,
      Map<ReportStatisticId, Interval> intervals,
      Map<ReportStatisticId, String> warnings) {
    if (!report.isBinary()) {
      return;
    }
    for (Map.Entry<ReportStatisticId, Interval> e : intervals.entrySet()) {
      Metric m = e.getKey().metric();
      // The clustered rates' min/max ratio shares the name mover-log-wilson-folded-clustered.
      if ((m != Metric.F1 && m != Metric.BALANCED_ACCURACY)
          || !isMethod(e.getValue().method())
          || warnings.containsKey(e.getKey())) {
        continue;
      }
      for (GroupKey g : definedGroups(report, e.getKey().metric())) {
        if (SmallCounts.expectsSmall(report, g)) {
          warnings.put(e.getKey(), SmallCounts.WARNING);
          break;
        }
      }
    }
  }

  /**
   * {lower, upper} interval of |θ₁ − θ₀| from the two groups' intervals.
   *
   * @param one θ₁'s interval
   * @param zero θ₀'s interval
   * @param confidence the level they were made at
   * @return the interval, estimate |θ₁ − θ₀|
   */
  static Interval gap(Interval one, Interval zero, double confidence) {
    Interval d = CompositeIntervals.difference(one, zero);
    double[] g = absolute(d.estimate(), d.lower(), d.upper(), confidence);
    return new Interval(Math.abs(d.estimate()), g[0], g[1], confidence, d.method() + FOLDED);
  }

  /**
   * Interval of min(θ₁/θ₀, θ₀/θ₁) from the two groups' intervals; null where both values are 0 (the
   * ratio is undefined) or where one is 0 and the MOVER-R bound is undefined (the other's lower
   * bound 0).
   */
  static Interval minMaxRatio(Interval one, Interval zero, double confidence) {
    if (one.estimate() > 0 && zero.estimate() > 0) {
      Interval r = CompositeIntervals.ratio(one, zero);
      if (r == null || !(r.lower() > 0) || Double.isInfinite(r.upper())) {
        return null;
      }
      double[] lg =
          absolute(
              Math.log(one.estimate() / zero.estimate()),
              Math.log(r.lower()),
              Math.log(r.upper()),
              confidence);
      double est = Math.min(r.estimate(), zero.estimate() / one.estimate());
      return new Interval(est, Math.exp(-lg[1]), Math.exp(-lg[0]), confidence, r.method() + FOLDED);
    }
    if (one.estimate() > 0 || zero.estimate() > 0) {
      // The zero value over the positive one: MOVER-R's [0, u], folded at 1.
      Interval r =
          one.estimate() > 0
              ? CompositeIntervals.ratio(zero, one)
              : CompositeIntervals.ratio(one, zero);
      if (r == null) {
        return null;
      }
      return new Interval(0, 0, Math.min(1, r.upper()), confidence, r.method() + FOLDED);
    }
    return null;
  }

  /**
   * {lower, upper} of |δ| from the signed interval [lower, upper] ∋ d: {@link FoldedInterval}'s
   * lower bound, and the larger of its upper bound and the fold's, max(|lower|, |upper|) (θ is also
   * accepted where the signed interval accepts the hypothesis −θ·sign(d)).
   */
  private static double[] absolute(double d, double lower, double upper, double confidence) {
    double[] g = FoldedInterval.of(d, lower, upper, ScoreBounds.z(confidence), 1 - confidence);
    double[] fold = FoldedInterval.fold(lower, upper);
    return new double[] {g[0], Math.max(g[1], fold[1])};
  }

  /**
   * The intervals of the two groups with a value of the metric (in report order), their methods
   * without the suffix, or null unless exactly two groups have one and both intervals exist and
   * estimate the reported values.
   */
  private static List<Interval> groupIntervals(
      GroupReport report,
      Metric m,
      BiFunction<GroupKey, Metric, Interval> groupInterval,
      String suffix) {
    List<GroupKey> groups = definedGroups(report, m);
    if (groups.size() != 2) {
      return null;
    }
    List<Interval> out = new ArrayList<>();
    for (GroupKey g : groups) {
      Interval i = groupInterval.apply(g, m);
      if (i == null
          || !i.method().endsWith(suffix)
          || Math.abs(i.estimate() - report.group(g).value(m)) > 1e-9) {
        return null;
      }
      String method = i.method().substring(0, i.method().length() - suffix.length());
      out.add(new Interval(i.estimate(), i.lower(), i.upper(), i.confidence(), method));
    }
    return out;
  }

  /** The interval with the suffix appended to its method; null for null. */
  private static Interval withSuffix(Interval i, String suffix) {
    return i == null
        ? null
        : new Interval(i.estimate(), i.lower(), i.upper(), i.confidence(), i.method() + suffix);
  }

  /** The groups whose value of the metric is defined (not NaN), in report order. */
  private static List<GroupKey> definedGroups(GroupReport report, Metric m) {
    List<GroupKey> out = new ArrayList<>();
    if (m == null || !report.metrics().contains(m)) {
      return out;
    }
    for (Map.Entry<GroupKey, ?> e : report.byGroup().entrySet()) {
      if (!Double.isNaN(report.group(e.getKey()).value(m))) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /** Puts the interval when the statistic has one whose estimate it reproduces. */
  private static void put(Map<ReportStatisticId, Interval> out, ReportStatisticId id, Interval i) {
    Interval old = out.get(id);
    if (i == null || old == null || Double.isNaN(old.estimate())) {
      return;
    }
    if (Math.abs(old.estimate() - i.estimate()) > 1e-9 * Math.max(1, Math.abs(i.estimate()))) {
      return;
    }
    out.put(id, new Interval(old.estimate(), i.lower(), i.upper(), i.confidence(), i.method()));
  }
}
