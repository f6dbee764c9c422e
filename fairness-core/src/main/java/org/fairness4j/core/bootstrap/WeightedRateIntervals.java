package org.fairness4j.core.bootstrap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValue;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.PredictionTable;

/**
 * Analytic intervals of the rates of a weighted, unclustered binary table in place of the row
 * bootstrap's percentile ones: a weighted rate p = Σw·x/Σw over the rows of its denominator gets
 * Wilson's interval at Kish's effective sample size n_eff = (Σw)²/Σw² ({@value #WILSON}; the
 * weighted analogue of the clustered effective counts), a group's signed difference to the
 * reference group Newcombe's hybrid score interval from the two ({@value #NEWCOMBE}), and its ratio
 * MOVER on the log scale from them ({@value #MOVER}; MOVER-R where the group's rate is 0, {@value
 * #MOVER_R}; none where the reference rate is 0). With exactly two groups the gap max − min gets
 * the interval of θ = |b − a| inverting a test of θ from Newcombe's interval ({@link
 * FoldedInterval}, {@value #GAP}); other extremes over groups (min/max ratios, the fairness
 * metrics, gaps of three or more groups) keep their percentile interval and its warning. The
 * small-count warning ({@link SmallCounts}) stays. docs/coverage-study.md, "Session 10 (h22a)", has
 * the coverage.
 */
final class WeightedRateIntervals {
  /** A weighted rate's method name. */
  static final String WILSON = "wilson-kish";

  /** A weighted rate's signed difference to the reference group. */
  static final String NEWCOMBE = "newcombe-kish";

  /** A weighted rate's ratio to the reference group (both rates positive). */
  static final String MOVER = "mover-log-wilson-kish";

  /** A weighted rate's ratio to the reference group where the group's rate is 0. */
  static final String MOVER_R = "mover-wilson-kish";

  /** A weighted rate's two-group gap max − min. */
  static final String GAP = "newcombe-kish-folded";

  private WeightedRateIntervals() {}

  /** A weighted rate with its Kish effective size and Wilson bounds. */
  record Weighted(double rate, double nEff, double lower, double upper) {
    /**
     * Wilson's bounds of a weighted rate at Kish's effective size.
     *
     * @param numerator Σw over the numerator's rows
     * @param denominator Σw over the denominator's rows (positive)
     * @param squares Σw² over the denominator's rows
     * @param z the normal quantile
     * @return the rate, n_eff and the bounds (pinned to 0 and 1 at a rate of 0 and 1)
     */
    static Weighted of(double numerator, double denominator, double squares, double z) {
      double p = numerator / denominator;
      double n = denominator * denominator / squares;
      double z2 = z * z;
      double den = 1 + z2 / n;
      double center = (p + z2 / (2 * n)) / den;
      double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / den;
      double lower = numerator == 0 ? 0 : Math.max(0, center - half);
      double upper = numerator == denominator ? 1 : Math.min(1, center + half);
      return new Weighted(p, n, lower, upper);
    }
  }

  /**
   * The result with these intervals in place of the percentile ones of the rates (and their
   * replicate warnings dropped); unchanged for a multiclass report.
   *
   * @param result the finished bootstrap result
   * @param original the report (with its reference group, if any)
   * @param table the weighted table
   * @param index its groups
   * @param confidence e.g. 0.95
   * @return the result with the weighted score intervals
   */
  static BootstrapResult apply(
      BootstrapResult result,
      GroupReport original,
      PredictionTable table,
      GroupIndex index,
      double confidence) {
    if (!original.isBinary() || !table.isWeighted()) {
      return result;
    }
    List<GroupKey> keys = index.keys();
    int groups = keys.size();
    double[][][] sums = cellSums(original, table, index);
    double[][] w = sums[0];
    double[][] w2 = sums[1];
    double z = ScoreBounds.z(confidence);
    Map<ReportStatisticId, Interval> intervals = new LinkedHashMap<>(result.intervals());
    Map<ReportStatisticId, String> warnings = new LinkedHashMap<>(result.warnings());
    GroupKey ref = original.reference().orElse(null);
    int r = ref == null ? -1 : keys.indexOf(ref);
    for (Rate rate : Rate.values()) {
      Metric m = rate.metric;
      if (!original.metrics().contains(m)) {
        continue;
      }
      Weighted[] est = new Weighted[groups + 1];
      for (int s = 0; s <= groups; s++) {
        MetricValues values = s < groups ? original.byGroup().get(keys.get(s)) : original.overall();
        est[s] = weighted(rate, w[s], w2[s], z, values == null ? null : values.get(m));
      }
      if (index.droppedRows() == 0) {
        put(intervals, warnings, ReportStatisticId.overall(m), single(est[groups], confidence));
      }
      for (int g = 0; g < groups; g++) {
        put(
            intervals,
            warnings,
            ReportStatisticId.byGroup(keys.get(g), m),
            single(est[g], confidence));
        if (r >= 0 && g != r && est[g] != null && est[r] != null) {
          put(
              intervals,
              warnings,
              ReportStatisticId.differenceToReference(keys.get(g), m),
              difference(est[g], est[r], confidence));
          put(
              intervals,
              warnings,
              ReportStatisticId.ratioToReference(keys.get(g), m),
              ratio(est[g], est[r], confidence));
        }
      }
      put(
          intervals,
          warnings,
          ReportStatisticId.difference(DisparityMethod.BETWEEN_GROUPS, m),
          gap(original, m, est, groups, confidence));
    }
    return result.withIntervals(intervals, warnings);
  }

  /**
   * Per slot (the groups of {@code index}, then overall) the weight sums of the four cells {TP, FN,
   * FP, TN} ({@code [0]}) and of their squared weights ({@code [1]}).
   */
  static double[][][] cellSums(GroupReport original, PredictionTable table, GroupIndex index) {
    int positive = table.classes().require(original.positiveLabel().orElseThrow());
    int groups = index.keys().size();
    double[][] w = new double[groups + 1][4];
    double[][] w2 = new double[groups + 1][4];
    for (int i = 0; i < table.rowCount(); i++) {
      int g = index.groupOf(i);
      boolean t = table.trueClass(i) == positive;
      boolean p = table.predictedClass(i) == positive;
      int cell = t ? (p ? 0 : 1) : (p ? 2 : 3);
      double wi = table.weight(i);
      if (g >= 0) {
        w[g][cell] += wi;
        w2[g][cell] += wi * wi;
      }
      w[groups][cell] += wi;
      w2[groups][cell] += wi * wi;
    }
    return new double[][][] {w, w2};
  }

  /** The slot's weighted rate, or null when undefined or not the report's value. */
  private static Weighted weighted(
      Rate rate, double[] w, double[] w2, double z, MetricValue reported) {
    double num = 0;
    double den = 0;
    double sq = 0;
    for (int c = 0; c < 4; c++) {
      boolean t = c < 2;
      boolean p = c == 0 || c == 2;
      if (rate.inDenominator(t, p)) {
        den += w[c];
        sq += w2[c];
        num += rate.inNumerator(t, p) ? w[c] : 0;
      }
    }
    if (!(den > 0 && sq > 0) || reported == null || !reported.isDefined()) {
      return null;
    }
    Weighted e = Weighted.of(num, den, sq, z);
    return Math.abs(e.rate() - reported.value()) <= 1e-9 ? e : null;
  }

  private static Interval single(Weighted e, double confidence) {
    return e == null ? null : new Interval(e.rate(), e.lower(), e.upper(), confidence, WILSON);
  }

  /** Newcombe's hybrid score interval of a − b from the two Wilson intervals. */
  static Interval difference(Weighted a, Weighted b, double confidence) {
    double d = a.rate() - b.rate();
    double lo = d - Math.hypot(a.rate() - a.lower(), b.upper() - b.rate());
    double hi = d + Math.hypot(a.upper() - a.rate(), b.rate() - b.lower());
    return new Interval(d, lo, hi, confidence, NEWCOMBE);
  }

  /**
   * The gap max − min of exactly two groups with the rate defined: the interval of θ = |b − a|
   * inverting a test of θ from Newcombe's interval ({@link FoldedInterval}); null otherwise.
   */
  private static Interval gap(
      GroupReport original, Metric m, Weighted[] est, int groups, double confidence) {
    Weighted a = null;
    Weighted b = null;
    int defined = 0;
    for (MetricValues v : original.byGroup().values()) {
      defined += v.has(m) && v.get(m).isDefined() ? 1 : 0;
    }
    for (int g = 0; g < groups; g++) {
      if (est[g] != null) {
        if (a == null) {
          a = est[g];
        } else if (b == null) {
          b = est[g];
        } else {
          return null;
        }
      }
    }
    if (defined != 2 || b == null) {
      return null;
    }
    Interval d = difference(b, a, confidence);
    double reported = original.difference(m, DisparityMethod.BETWEEN_GROUPS).value();
    if (!(Math.abs(Math.abs(d.estimate()) - reported) <= 1e-9)) {
      return null;
    }
    double[] f =
        FoldedInterval.of(
            d.estimate(), d.lower(), d.upper(), ScoreBounds.z(confidence), 1 - confidence);
    return new Interval(reported, f[0], f[1], confidence, GAP);
  }

  /** MOVER (log scale, or MOVER-R at a's rate 0) of a / b; null where b's rate is 0. */
  static Interval ratio(Weighted a, Weighted b, double confidence) {
    double[] r =
        ScoreBounds.moverRatio(a.rate(), a.lower(), a.upper(), b.rate(), b.lower(), b.upper());
    if (r == null) {
      return null;
    }
    return new Interval(
        a.rate() / b.rate(), r[0], r[1], confidence, a.rate() > 0 ? MOVER : MOVER_R);
  }

  static void put(
      Map<ReportStatisticId, Interval> intervals,
      Map<ReportStatisticId, String> warnings,
      ReportStatisticId id,
      Interval i) {
    if (i != null && intervals.containsKey(id)) {
      intervals.put(id, i);
      if (!SmallCounts.WARNING.equals(warnings.get(id))) {
        warnings.remove(id);
      }
    }
  }
}
