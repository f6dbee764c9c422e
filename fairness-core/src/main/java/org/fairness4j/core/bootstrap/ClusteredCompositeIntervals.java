package org.fairness4j.core.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.ConfusionStatistics;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.Interval;

/**
 * Score intervals of F1 and balanced accuracy of a clustered analysis (rows grouped by patient), of
 * a group and a group's signed difference and ratio to the reference group: the constructions of
 * {@link CompositeIntervals} on effective counts ({@link RateCounts}), as the clustered rates get
 * theirs, with Student's t at (clusters − 1) degrees of freedom ({@link ScoreBounds#wilson}).
 *
 * <ul>
 *   <li>F1 = 2J / (1 + J) from the clustered Wilson interval of the Jaccard index J = TP / (TP + FP
 *       + FN), a ratio estimator over the clusters holding such rows: its design effect is the
 *       cluster variance of the totals TP − J·(TP + FP + FN) over the binomial one ({@code
 *       wilson-jaccard-clustered}).
 *   <li>Balanced accuracy: MOVER for the sum from the clustered Wilson intervals of TPR and TNR,
 *       with the correlation of the two estimates over the patients ({@link #correlation}; {@code
 *       mover-wilson-clustered}).
 *   <li>A difference or ratio to the reference: MOVER (on the log scale for a ratio) from the two
 *       groups' intervals, {@link CompositeIntervals#difference} and {@link
 *       CompositeIntervals#ratio} ({@code mover-wilson-jaccard-clustered}, {@code
 *       mover-log-wilson-jaccard-clustered}, ...).
 *   <li>The gap and min/max ratio when exactly two groups have a value: {@link CompositeGaps}'
 *       folds of the two groups' intervals ({@code mover-wilson-jaccard-folded-clustered}, {@code
 *       mover-log-wilson-folded-clustered}, ...).
 * </ul>
 *
 * <p>As for the rates, each design effect is pooled over the groups (summed cluster variances over
 * summed binomial ones, at least 1); where each cluster holds at most one row of a group's ratios
 * the design is the independent one and the group gets {@link CompositeIntervals#of}'s interval
 * (its method name with the suffix {@code -clustered}). A number whose interval is undefined (a
 * group without such rows, fewer than two clusters) keeps its resampling interval.
 */
final class ClusteredCompositeIntervals {
  private static final String SUFFIX = "-clustered";
  private static final String F1_METHOD = "wilson-jaccard" + SUFFIX;
  private static final String BA_METHOD = "mover-wilson" + SUFFIX;

  /** The three ratios: {TP, TP + FN}, {TN, TN + FP}, {TP, TP + FP + FN} of {TP, FN, FP, TN}. */
  private enum Part {
    TPR,
    TNR,
    JACCARD;

    long[] count(long[] c) {
      return switch (this) {
        case TPR -> new long[] {c[0], c[0] + c[1]};
        case TNR -> new long[] {c[3], c[3] + c[2]};
        case JACCARD -> new long[] {c[0], c[0] + c[1] + c[2]};
      };
    }
  }

  private ClusteredCompositeIntervals() {}

  /**
   * Replaces the resampling intervals of F1 and balanced accuracy (by group, and to the reference
   * group; {@link CompositeIntervals#isTarget}; the gap and min/max ratio of two groups) of a
   * binary, clustered report.
   *
   * @param report the original report (with its reference group, if any)
   * @param stats its confusion counts (unweighted)
   * @param keys its groups, in the order of the counts
   * @param clusterCells each cluster's cells as flattened (cell, rows) pairs
   * @param reference the reference group, or null
   * @param confidence the confidence level
   * @param out statistic → interval; changed in place
   */
  static void apply(
      GroupReport report,
      ConfusionStatistics stats,
      List<GroupKey> keys,
      int[][] clusterCells,
      GroupKey reference,
      double confidence,
      Map<ReportStatisticId, Interval> out) {
    if (!report.isBinary()) {
      return;
    }
    int positive = report.classes().require(report.positiveLabel().orElseThrow());
    int groups = keys.size();
    int k = stats.classCount();
    long[][] cells = new long[groups][4];
    double[] all = stats.cells();
    for (int c = 0; c < all.length; c++) {
      cells[c / (k * k)][binaryCell(c, k, positive)] += (long) all[c];
    }
    List<Map<Integer, long[]>> perCluster = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      perCluster.add(new LinkedHashMap<>());
    }
    for (int cluster = 0; cluster < clusterCells.length; cluster++) {
      int[] flat = clusterCells[cluster];
      for (int j = 0; j < flat.length; j += 2) {
        perCluster.get(flat[j] / (k * k))
                .computeIfAbsent(cluster, x -> new long[4])[binaryCell(flat[j], k, positive)] +=
            flat[j + 1];
      }
    }
    Map<Part, RateCounts[]> counts = new LinkedHashMap<>();
    for (Part part : Part.values()) {
      counts.put(part, pooledCounts(part, cells, perCluster));
    }
    double r = correlation(cells, perCluster);
    Interval[][] byGroup = new Interval[groups][];
    for (int g = 0; g < groups; g++) {
      boolean single =
          perCluster.get(g).values().stream().allMatch(c -> c[0] + c[1] + c[2] + c[3] == 1);
      RateCounts j = counts.get(Part.JACCARD)[g];
      RateCounts tpr = counts.get(Part.TPR)[g];
      RateCounts tnr = counts.get(Part.TNR)[g];
      // Where each patient holds one row of the group (or at most one row of each ratio), the
      // design is the independent one and the interval is the unclustered one, renamed.
      byGroup[g] =
          new Interval[] {
            single || (j != null && !j.clustered())
                ? renamed(CompositeIntervals.of(Metric.F1, cells[g], confidence))
                : f1(j, confidence),
            single || (tpr != null && tnr != null && !tpr.clustered() && !tnr.clustered())
                ? renamed(CompositeIntervals.of(Metric.BALANCED_ACCURACY, cells[g], confidence))
                : balancedAccuracy(tpr, tnr, r, confidence)
          };
    }
    int ref = reference == null ? -1 : keys.indexOf(reference);
    for (Map.Entry<ReportStatisticId, Interval> e : out.entrySet()) {
      ReportStatisticId id = e.getKey();
      int g = id.group() == null ? -1 : keys.indexOf(id.group());
      if (!CompositeIntervals.isTarget(id) || g < 0 || Double.isNaN(e.getValue().estimate())) {
        continue;
      }
      int m = id.metric() == Metric.F1 ? 0 : 1;
      Interval i;
      if (id.kind() == ReportStatisticId.Kind.BY_GROUP) {
        i = byGroup[g][m];
      } else if (ref < 0) {
        continue;
      } else if (id.kind() == ReportStatisticId.Kind.RATIO) {
        i = CompositeIntervals.ratio(byGroup[g][m], byGroup[ref][m]);
      } else {
        i = CompositeIntervals.difference(byGroup[g][m], byGroup[ref][m]);
      }
      // Only where the interval is of the number the report has (undefined stays undefined).
      double want = e.getValue().estimate();
      if (i != null && Math.abs(i.estimate() - want) <= 1e-9 * Math.max(1, Math.abs(want))) {
        e.setValue(new Interval(want, i.lower(), i.upper(), i.confidence(), i.method()));
      }
    }
    // The gap and min/max ratio of exactly two groups: CompositeGaps' folds of these intervals.
    CompositeGaps.apply(
        report,
        confidence,
        (group, metric) -> {
          int g = keys.indexOf(group);
          return g < 0 ? null : byGroup[g][metric == Metric.F1 ? 0 : 1];
        },
        SUFFIX,
        out);
  }

  /**
   * Whether an interval is one made here: the statistic is a target and the method one of these
   * constructions (the clustered rates' {@code mover-log-wilson-clustered} shares a name).
   */
  static boolean isInterval(ReportStatisticId id, String method) {
    return CompositeIntervals.isTarget(id)
        && method.endsWith(SUFFIX)
        && !method.startsWith("bootstrap");
  }

  /** F1 from the clustered Wilson interval of the Jaccard index; null where undefined. */
  static Interval f1(RateCounts jaccard, double confidence) {
    if (jaccard == null) {
      return null;
    }
    double[] w = ScoreBounds.wilson(jaccard, confidence);
    double f1 = 2.0 * jaccard.rawX() / (jaccard.rawN() + jaccard.rawX());
    return new Interval(f1, f1OfJaccard(w[0]), f1OfJaccard(w[1]), confidence, F1_METHOD);
  }

  /**
   * Balanced accuracy: MOVER for the sum of the clustered TPR and TNR with correlation r of the two
   * estimates (Zou &amp; Donner 2008), (TPR + TNR)/2 ∓ √(d₁² + d₂² + 2r·d₁d₂)/2 with d the
   * distances to the lower (upper) bounds; null where undefined.
   */
  static Interval balancedAccuracy(RateCounts tpr, RateCounts tnr, double r, double confidence) {
    if (tpr == null || tnr == null) {
      return null;
    }
    double[] a = ScoreBounds.wilson(tpr, confidence);
    double[] b = ScoreBounds.wilson(tnr, confidence);
    double ba = (tpr.rate() + tnr.rate()) / 2;
    double below = mover(tpr.rate() - a[0], tnr.rate() - b[0], r) / 2;
    double above = mover(a[1] - tpr.rate(), b[1] - tnr.rate(), r) / 2;
    return new Interval(
        ba, Math.max(0, ba - below), Math.min(1, ba + above), confidence, BA_METHOD);
  }

  /**
   * Per group the effective counts of one ratio, the design effect pooled over the groups as {@link
   * RateIntervals} pools it for a rate; null where the group has no such rows or fewer than two
   * clusters.
   */
  private static RateCounts[] pooledCounts(
      Part part, long[][] cells, List<Map<Integer, long[]>> perCluster) {
    int groups = cells.length;
    List<Map<Integer, long[]>> clusters = new ArrayList<>();
    double cv = 0;
    double bv = 0;
    for (int g = 0; g < groups; g++) {
      Map<Integer, long[]> m = new LinkedHashMap<>();
      for (Map.Entry<Integer, long[]> e : perCluster.get(g).entrySet()) {
        long[] xn = part.count(e.getValue());
        if (xn[1] > 0) {
          m.put(e.getKey(), xn);
        }
      }
      clusters.add(m);
      long[] xn = part.count(cells[g]);
      double[] terms = RateCounts.varianceTerms(xn[0], xn[1], m);
      if (terms != null) {
        cv += terms[0];
        bv += terms[1];
      }
    }
    double pooled = bv > 0 ? Math.max(1, cv / bv) : Double.NaN;
    RateCounts[] out = new RateCounts[groups];
    for (int g = 0; g < groups; g++) {
      long[] xn = part.count(cells[g]);
      out[g] = xn[1] == 0 ? null : RateCounts.effective(xn[0], xn[1], clusters.get(g), pooled);
    }
    return out;
  }

  private static double mover(double d1, double d2, double r) {
    return Math.sqrt(Math.max(0, d1 * d1 + d2 * d2 + 2 * r * d1 * d2));
  }

  /**
   * The correlation of a group's TPR and TNR estimates: the patients' residual totals e₁ = TPᵢ −
   * TPR·(TPᵢ + FNᵢ) and e₂ = TNᵢ − TNR·(TNᵢ + FPᵢ), Σe₁e₂ / √(Σe₁² Σe₂²), each sum with its C/(C −
   * 1) factor and pooled over the groups as the design effects are; at least 0 (as a design effect
   * is at least 1), 0 where no group gives one. It is 0 when every patient's rows are of one class,
   * and positive when a patient-level effect lowers (or raises) both rates: a patient-level "hard
   * case" effect made the independent MOVER cover 0.92 (docs/coverage-study.md, "Session 10
   * (h22k)").
   */
  static double correlation(long[][] cells, List<Map<Integer, long[]>> perCluster) {
    double s12 = 0;
    double s11 = 0;
    double s22 = 0;
    for (int g = 0; g < cells.length; g++) {
      long[] c = cells[g];
      int k = perCluster.get(g).size();
      if (c[0] + c[1] == 0 || c[2] + c[3] == 0 || k < 2) {
        continue;
      }
      double p1 = c[0] / (double) (c[0] + c[1]);
      double p2 = c[3] / (double) (c[3] + c[2]);
      double f = k / (k - 1.0);
      for (long[] x : perCluster.get(g).values()) {
        double e1 = x[0] - p1 * (x[0] + x[1]);
        double e2 = x[3] - p2 * (x[3] + x[2]);
        s12 += f * e1 * e2;
        s11 += f * e1 * e1;
        s22 += f * e2 * e2;
      }
    }
    return s11 > 0 && s22 > 0 ? Math.min(1, Math.max(0, s12 / Math.sqrt(s11 * s22))) : 0;
  }

  private static Interval renamed(Interval i) {
    return i == null
        ? null
        : new Interval(i.estimate(), i.lower(), i.upper(), i.confidence(), i.method() + SUFFIX);
  }

  private static double f1OfJaccard(double j) {
    return 2 * j / (1 + j);
  }

  /** The binary cell (0 TP, 1 FN, 2 FP, 3 TN) of confusion cell (g * k + true) * k + predicted. */
  private static int binaryCell(int confusionCell, int k, int positive) {
    boolean t = confusionCell / k % k == positive;
    boolean p = confusionCell % k == positive;
    return t ? (p ? 0 : 1) : (p ? 2 : 3);
  }
}
