package org.fairness4j.core.bootstrap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.bootstrap.WeightedRateIntervals.Weighted;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValue;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.PredictionTable;

/**
 * Analytic intervals of F1 and balanced accuracy of a weighted, unclustered binary table in place
 * of the row bootstrap's percentile ones: the constructions of {@link CompositeIntervals} from
 * Kish's effective counts, each component a weighted rate with Wilson's interval at its own n_eff =
 * (Σw)²/Σw² ({@link WeightedRateIntervals.Weighted}).
 *
 * <ul>
 *   <li>F1 = 2J / (1 + J), J = Σw·TP / Σw over the TP, FP and FN rows: Wilson at that n_eff, mapped
 *       by 2J / (1 + J) ({@value #F1_METHOD}).
 *   <li>Balanced accuracy (TPR + TNR) / 2: MOVER for a sum from the Wilson intervals of the
 *       weighted TPR (positives' n_eff) and TNR (negatives' n_eff) ({@value #BA_METHOD}).
 *   <li>A group's signed difference to the reference: MOVER from the two ({@code
 *       mover-wilson-jaccard-kish}, {@code mover-sum-wilson-kish}); its ratio MOVER on the log
 *       scale ({@code mover-log-…}; MOVER-R, {@code mover-r-…}, where the group's value is 0; none
 *       where the reference's is 0).
 * </ul>
 *
 * Overall values get the interval of the pooled rows (only when no row was dropped from the
 * groups). Gaps and ratios between groups and the fairness metrics keep their percentile interval
 * and the warning of {@link UnmeasuredDesigns}; a {@link SmallCounts} warning stays.
 * docs/coverage-study.md, "Session 10 (h22w)", has the coverage.
 */
final class WeightedCompositeIntervals {
  /** F1 of a weighted group or overall. */
  static final String F1_METHOD = "wilson-jaccard-kish";

  /** Balanced accuracy of a weighted group or overall. */
  static final String BA_METHOD = "mover-sum-wilson-kish";

  private WeightedCompositeIntervals() {}

  /**
   * The result with these intervals in place of the percentile ones of F1 and balanced accuracy
   * (and their replicate warnings dropped); unchanged for a multiclass or unweighted table.
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
    double[][][] sums = WeightedRateIntervals.cellSums(original, table, index);
    Map<ReportStatisticId, Interval> intervals = new LinkedHashMap<>(result.intervals());
    Map<ReportStatisticId, String> warnings = new LinkedHashMap<>(result.warnings());
    GroupKey ref = original.reference().orElse(null);
    int r = ref == null ? -1 : keys.indexOf(ref);
    for (Metric m : new Metric[] {Metric.F1, Metric.BALANCED_ACCURACY}) {
      if (!original.metrics().contains(m)) {
        continue;
      }
      Interval[] est = new Interval[groups + 1];
      for (int s = 0; s <= groups; s++) {
        MetricValues values = s < groups ? original.byGroup().get(keys.get(s)) : original.overall();
        est[s] = reported(of(m, sums[0][s], sums[1][s], confidence), values, m);
      }
      if (index.droppedRows() == 0) {
        WeightedRateIntervals.put(intervals, warnings, ReportStatisticId.overall(m), est[groups]);
      }
      for (int g = 0; g < groups; g++) {
        GroupKey key = keys.get(g);
        WeightedRateIntervals.put(intervals, warnings, ReportStatisticId.byGroup(key, m), est[g]);
        if (r >= 0 && g != r) {
          WeightedRateIntervals.put(
              intervals,
              warnings,
              ReportStatisticId.differenceToReference(key, m),
              CompositeIntervals.difference(est[g], est[r]));
          WeightedRateIntervals.put(
              intervals,
              warnings,
              ReportStatisticId.ratioToReference(key, m),
              CompositeIntervals.ratio(est[g], est[r]));
        }
      }
    }
    return result.withIntervals(intervals, warnings);
  }

  /** The interval when its estimate is the report's value, else null. */
  private static Interval reported(Interval i, MetricValues values, Metric m) {
    MetricValue v = values == null || !values.has(m) ? null : values.get(m);
    if (i == null || v == null || !v.isDefined()) {
      return null;
    }
    return Math.abs(i.estimate() - v.value()) <= 1e-9 ? i : null;
  }

  /**
   * The interval of weighted F1 or balanced accuracy from the weight sums of {TP, FN, FP, TN} and
   * of their squares; null where undefined (no TP, FP or FN weight for F1; no positive or no
   * negative weight for balanced accuracy).
   *
   * @param metric F1 or balanced accuracy
   * @param w the cells' weight sums
   * @param w2 the cells' sums of squared weights
   * @param confidence e.g. 0.95
   * @return the interval, or null
   */
  static Interval of(Metric metric, double[] w, double[] w2, double confidence) {
    double z = ScoreBounds.z(confidence);
    if (metric == Metric.F1) {
      double den = w[0] + w[1] + w[2];
      double sq = w2[0] + w2[1] + w2[2];
      if (!(den > 0 && sq > 0)) {
        return null;
      }
      Weighted j = Weighted.of(w[0], den, sq, z);
      return new Interval(
          2 * w[0] / (2 * w[0] + w[1] + w[2]),
          f1OfJaccard(j.lower()),
          f1OfJaccard(j.upper()),
          confidence,
          F1_METHOD);
    }
    if (metric != Metric.BALANCED_ACCURACY) {
      throw new IllegalArgumentException("not F1 or balanced accuracy: " + metric.key());
    }
    double pos = w[0] + w[1];
    double neg = w[2] + w[3];
    if (!(pos > 0 && neg > 0)) {
      return null;
    }
    Weighted a = Weighted.of(w[0], pos, w2[0] + w2[1], z);
    Weighted b = Weighted.of(w[3], neg, w2[2] + w2[3], z);
    double ba = (a.rate() + b.rate()) / 2;
    double below = Math.hypot(a.rate() - a.lower(), b.rate() - b.lower()) / 2;
    double above = Math.hypot(a.upper() - a.rate(), b.upper() - b.rate()) / 2;
    return new Interval(
        ba, Math.max(0, ba - below), Math.min(1, ba + above), confidence, BA_METHOD);
  }

  private static double f1OfJaccard(double j) {
    return 2 * j / (1 + j);
  }
}
