package org.fairness4j.core.bootstrap;

import java.util.EnumMap;
import java.util.Map;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.EqualizedOddsAggregation;
import org.fairness4j.core.FairnessMetrics;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.Interval;

/**
 * The score intervals of numbers between exactly two groups (part of {@link RateIntervals}): the
 * max − min gap is |p1 − p0| and min / max is min(r, 1/r) = exp(−|log r|) for r = p1/p0; their
 * intervals invert a test of |δ| rather than fold the signed intervals at 0 and 1, which covered up
 * to 99 % at 95 % near a gap of 0: the gap from counts by the skewness-corrected score test ({@link
 * ScasFoldedGap}), the gap from clustered counts and the ratio from the signed interval ({@link
 * FoldedInterval}). Equalized odds combines the TPR and FPR intervals the way it combines the
 * values (larger gap or smaller ratio: bounds combined by max or min; mean: bounds averaged).
 */
final class TwoGroupIntervals {
  private TwoGroupIntervals() {}

  /**
   * Puts the two-group intervals of every rate defined in exactly two groups.
   *
   * @param counts per rate the counts of each group (null where undefined), then overall
   * @param groups the number of groups
   * @param confidence the level
   * @param original statistic → its value in the report
   * @param intervals statistic → interval; changed in place
   */
  static void apply(
      Map<Rate, RateCounts[]> counts,
      int groups,
      double confidence,
      Map<ReportStatisticId, Double> original,
      Map<ReportStatisticId, Interval> intervals) {
    // The methods follow the counts: effective (clustered) counts give Newcombe and MOVER on the
    // log scale, counts (no clusters, or clusters of one row) Miettinen-Nurminen. A
    // fairness metric is named clustered when any of its rates' counts are.
    boolean anyClustered = false;
    Map<Metric, double[]> gaps = new EnumMap<>(Metric.class);
    Map<Metric, double[]> ratios = new EnumMap<>(Metric.class);
    Map<Metric, double[]> worstGaps = new EnumMap<>(Metric.class);
    Map<Metric, double[]> worstRatios = new EnumMap<>(Metric.class);
    for (Map.Entry<Rate, RateCounts[]> e : counts.entrySet()) {
      RateCounts a = null;
      RateCounts b = null;
      int defined = 0;
      for (int g = 0; g < groups; g++) {
        RateCounts c = e.getValue()[g];
        if (c != null) {
          defined++;
          if (a == null) {
            a = c;
          } else {
            b = c;
          }
        }
      }
      if (defined != 2) {
        continue;
      }
      Metric m = e.getKey().metric;
      boolean clustered = a.clustered() || b.clustered();
      anyClustered |= clustered;
      double[] gap = ScoreBounds.gap(a, b, confidence);
      gaps.put(m, gap);
      put(
          intervals,
          original,
          ReportStatisticId.difference(DisparityMethod.BETWEEN_GROUPS, m),
          gap,
          confidence,
          ScoreBounds.differenceMethod(clustered, "-folded"));
      double[] ratio = ScoreBounds.minMaxRatio(a, b, confidence);
      if (ratio != null) {
        ratios.put(m, ratio);
        put(
            intervals,
            original,
            ReportStatisticId.ratio(DisparityMethod.BETWEEN_GROUPS, m),
            ratio,
            confidence,
            foldedRatioMethod(clustered));
      }
      if (m == Metric.RECALL || m == Metric.FPR) {
        // Worst-case equalized odds is covered when both components are: TPR and FPR come from
        // disjoint rows (positives, negatives), so each at level √confidence (Šidák) gives it
        // confidence (at least), where two 95 % components gave as little as 0.95² ≈ 90 %.
        double sidak = Math.sqrt(confidence);
        worstGaps.put(m, ScoreBounds.gap(a, b, sidak));
        double[] wr = ScoreBounds.minMaxRatio(a, b, sidak);
        if (wr != null) {
          worstRatios.put(m, wr);
        }
      }
    }
    String gapMethod = ScoreBounds.differenceMethod(anyClustered, "-folded");
    String ratioMethod = foldedRatioMethod(anyClustered);
    // In the order of the report's fairness metrics.
    Fair fair = new Fair(original, intervals, confidence);
    fair.put(
        FairnessMetrics.DEMOGRAPHIC_PARITY_DIFFERENCE,
        null,
        gaps.get(Metric.SELECTION_RATE),
        gapMethod);
    fair.put(
        FairnessMetrics.DEMOGRAPHIC_PARITY_RATIO,
        null,
        ratios.get(Metric.SELECTION_RATE),
        ratioMethod);
    fair.put(
        FairnessMetrics.EQUAL_OPPORTUNITY_DIFFERENCE, null, gaps.get(Metric.RECALL), gapMethod);
    fair.put(FairnessMetrics.EQUAL_OPPORTUNITY_RATIO, null, ratios.get(Metric.RECALL), ratioMethod);
    fair.put(
        FairnessMetrics.EQUALIZED_ODDS_DIFFERENCE,
        EqualizedOddsAggregation.WORST_CASE,
        combine(worstGaps, true, gaps),
        gapMethod);
    fair.put(
        FairnessMetrics.EQUALIZED_ODDS_DIFFERENCE,
        EqualizedOddsAggregation.MEAN,
        mean(gaps.get(Metric.RECALL), gaps.get(Metric.FPR)),
        gapMethod);
    fair.put(
        FairnessMetrics.EQUALIZED_ODDS_RATIO,
        EqualizedOddsAggregation.WORST_CASE,
        combine(worstRatios, false, worstRatios),
        ratioMethod);
    fair.put(
        FairnessMetrics.EQUALIZED_ODDS_RATIO,
        EqualizedOddsAggregation.MEAN,
        mean(ratios.get(Metric.RECALL), ratios.get(Metric.FPR)),
        ratioMethod);
  }

  /** The name of a min/max ratio's interval ({@link ScoreBounds#minMaxRatio}). */
  private static String foldedRatioMethod(boolean clustered) {
    return clustered ? "mover-log-wilson-folded-clustered" : "miettinen-nurminen-folded";
  }

  /**
   * The worst case of the TPR and FPR bounds (max for gaps, min for ratios), when {@code present}
   * has both components; null otherwise.
   */
  private static double[] combine(
      Map<Metric, double[]> worst, boolean max, Map<Metric, double[]> present) {
    if (!present.containsKey(Metric.RECALL) || !present.containsKey(Metric.FPR)) {
      return null;
    }
    double[] t = worst.get(Metric.RECALL);
    double[] f = worst.get(Metric.FPR);
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) {
      out[i] = max ? Math.max(t[i], f[i]) : Math.min(t[i], f[i]);
    }
    return out;
  }

  /** The bounds averaged, or null when either is missing. */
  private static double[] mean(double[] t, double[] f) {
    if (t == null || f == null) {
      return null;
    }
    return new double[] {(t[0] + f[0]) / 2, (t[1] + f[1]) / 2, (t[2] + f[2]) / 2};
  }

  /** Puts between-groups fairness-metric intervals. */
  private record Fair(
      Map<ReportStatisticId, Double> original,
      Map<ReportStatisticId, Interval> intervals,
      double confidence) {
    void put(String name, EqualizedOddsAggregation agg, double[] bounds, String method) {
      if (bounds != null) {
        ReportStatisticId id =
            ReportStatisticId.fairness(name, DisparityMethod.BETWEEN_GROUPS, agg);
        TwoGroupIntervals.put(intervals, original, id, bounds, confidence, method);
      }
    }
  }

  /** Puts {lower, upper} when the statistic's estimate equals bounds[2] (the value recomputed). */
  private static void put(
      Map<ReportStatisticId, Interval> intervals,
      Map<ReportStatisticId, Double> original,
      ReportStatisticId statistic,
      double[] bounds,
      double confidence,
      String method) {
    Double estimate = original.get(statistic);
    if (estimate == null || Double.isNaN(estimate) || Math.abs(estimate - bounds[2]) > 1e-9) {
      return;
    }
    intervals.put(statistic, new Interval(estimate, bounds[0], bounds[1], confidence, method));
  }
}
