package org.fairness4j.core.bootstrap;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.ConfusionStatistics;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.stats.ProportionIntervals;

/**
 * The score intervals {@link GroupBootstrap} reports instead of percentile ones for rates x/n of a
 * binary, unweighted report (selection rate, base rate, accuracy, error rate, TPR, FPR, TNR, FNR,
 * precision, NPV, FDR, FOR): Brown, Cai and DasGupta's modified Wilson ({@link
 * ProportionIntervals#modifiedWilson}; with clusters plain Wilson on effective counts) for a
 * group's or the overall rate, the Miettinen–Nurminen score interval for a group's signed
 * difference to the reference group ({@link MiettinenNurminen}; Newcombe's hybrid score interval
 * with clusters), and the Miettinen–Nurminen interval of its ratio (with clusters MOVER from the
 * two clustered Wilson intervals). A percentile interval of a rate collapses to a point at 0 and 1
 * (recall 8/8 gives [1, 1]) and under-covers for small groups; these do not.
 *
 * <p>With clusters (several rows per patient) the counts are replaced by effective counts n/deff,
 * x/deff ({@link RateCounts}) and the normal quantile by Student's t with (clusters − 1) degrees of
 * freedom. The formulas are in {@link ScoreBounds}, the intervals between two groups in {@link
 * TwoGroupIntervals}.
 */
final class RateIntervals {
  private RateIntervals() {}

  /**
   * Replaces, in {@code intervals}, the intervals of every rate statistic of a binary unweighted
   * report that can be written as x/n; statistics whose value does not equal the counted x/n (a
   * binary view of a multiclass table whose accuracy is the multiclass one, say) are left alone.
   *
   * @param report the original report (with its reference group, if any)
   * @param stats its confusion counts (unweighted)
   * @param keys its groups, in the order of the counts
   * @param clusterCells each cluster's cells as flattened (cell, rows) pairs, when clustered
   * @param clustered whether rates get effective counts from the clusters
   * @param confidence the confidence level
   * @param reference the reference group, or null
   * @param original the bootstrap's statistic → value
   * @param intervals statistic → interval; changed in place
   */
  static void apply(
      GroupReport report,
      ConfusionStatistics stats,
      List<GroupKey> keys,
      int[][] clusterCells,
      boolean clustered,
      double confidence,
      GroupKey reference,
      Map<ReportStatisticId, Double> original,
      Map<ReportStatisticId, Interval> intervals) {
    // A multiclass report's accuracy and error rate are x/n too (the diagonal of n rows): its
    // cells are mapped to TP (correct) and FN (wrong), which Rate.ACCURACY and Rate.ERROR_RATE
    // count
    // as (TP + TN)/n and (FN + FP)/n; its other rates are not x/n of these cells.
    boolean binary = report.isBinary();
    int positive = binary ? report.classes().require(report.positiveLabel().orElseThrow()) : -1;
    int groups = keys.size();
    int classes = stats.classCount();
    // Per group (and overall, slot `groups`) the four cells TP, FN, FP, TN, from the k x k
    // confusion cells; per cluster too when clustered (clusters in the order of clusterCells, so
    // that counts merged elsewhere, e.g. by Spark, give the same numbers).
    double[] all = stats.cells();
    long[][] cells = new long[groups + 1][4];
    for (int c = 0; c < all.length; c++) {
      long n = (long) all[c];
      if (n != 0) {
        int cell = cellOf(c, classes, positive);
        cells[c / (classes * classes)][cell] += n;
        cells[groups][cell] += n;
      }
    }
    Map<Integer, long[]>[] perCluster = clustered ? newMaps(groups + 1) : null;
    if (clustered) {
      for (int cluster = 0; cluster < clusterCells.length; cluster++) {
        int[] flat = clusterCells[cluster];
        for (int j = 0; j < flat.length; j += 2) {
          int g = flat[j] / (classes * classes);
          int cell = cellOf(flat[j], classes, positive);
          perCluster[g].computeIfAbsent(cluster, x -> new long[4])[cell] += flat[j + 1];
          perCluster[groups].computeIfAbsent(cluster, x -> new long[4])[cell] += flat[j + 1];
        }
      }
    }
    Map<Rate, RateCounts[]> counts = new EnumMap<>(Rate.class);
    for (Rate rate : Rate.values()) {
      if (!report.metrics().contains(rate.metric)
          || (!binary && rate != Rate.ACCURACY && rate != Rate.ERROR_RATE)) {
        continue;
      }
      RateCounts[] c = new RateCounts[groups + 1];
      List<Map<Integer, long[]>> clusters = new ArrayList<>();
      // The design effect of a rate is pooled over the groups (the clusters come from one design;
      // a group's own estimate, from its 20-60 clusters with such rows, was too noisy and its
      // intervals under-covered, 0.90-0.93 at copying 0.2-0.5).
      double cv = 0;
      double bv = 0;
      for (int slot = 0; slot <= groups; slot++) {
        Map<Integer, long[]> m = null;
        if (clustered) {
          m = new LinkedHashMap<>();
          for (Map.Entry<Integer, long[]> e : perCluster[slot].entrySet()) {
            long[] cx = rate.count(e.getValue());
            if (cx[1] > 0) {
              m.put(e.getKey(), cx);
            }
          }
          long[] xn = rate.count(cells[slot]);
          double[] terms = slot < groups ? RateCounts.varianceTerms(xn[0], xn[1], m) : null;
          if (terms != null) {
            cv += terms[0];
            bv += terms[1];
          }
        }
        clusters.add(m);
      }
      double pooled = bv > 0 ? Math.max(1, cv / bv) : Double.NaN;
      for (int slot = 0; slot <= groups; slot++) {
        long[] xn = rate.count(cells[slot]);
        c[slot] =
            xn[1] == 0
                ? null
                : RateCounts.effective(
                    xn[0], xn[1], clusters.get(slot), slot < groups ? pooled : Double.NaN);
      }
      counts.put(rate, c);
    }
    String suffix = clustered ? "-clustered" : "";
    int ref = reference == null ? -1 : keys.indexOf(reference);
    for (Map.Entry<Rate, RateCounts[]> e : counts.entrySet()) {
      Metric k = e.getKey().metric;
      RateCounts[] c = e.getValue();
      replace(
          intervals,
          original,
          ReportStatisticId.overall(k),
          c[groups],
          null,
          confidence,
          "wilson" + suffix);
      for (int g = 0; g < groups; g++) {
        replace(
            intervals,
            original,
            ReportStatisticId.byGroup(keys.get(g), k),
            c[g],
            null,
            confidence,
            "wilson" + suffix);
        if (ref >= 0 && g != ref) {
          replace(
              intervals,
              original,
              ReportStatisticId.differenceToReference(keys.get(g), k),
              c[g],
              c[ref],
              confidence,
              "newcombe" + suffix);
          replace(
              intervals,
              original,
              ReportStatisticId.ratioToReference(keys.get(g), k),
              c[g],
              c[ref],
              confidence,
              "ratio" + suffix);
        }
      }
    }
    TwoGroupIntervals.apply(counts, groups, confidence, original, intervals);
  }

  private static void replace(
      Map<ReportStatisticId, Interval> intervals,
      Map<ReportStatisticId, Double> original,
      ReportStatisticId statistic,
      RateCounts a,
      RateCounts b,
      double confidence,
      String method) {
    Double estimate = original.get(statistic);
    if (estimate == null || Double.isNaN(estimate) || a == null) {
      return;
    }
    Interval i;
    if (method.startsWith("wilson")) {
      if (Math.abs(a.rate() - estimate) > 1e-9) {
        return;
      }
      if (a.clustered()) {
        double[] w = ScoreBounds.wilson(a, confidence);
        i = new Interval(estimate, w[0], w[1], confidence, method);
      } else {
        // Brown, Cai and DasGupta's modified Wilson: plain Wilson dips to 85 % coverage at
        // expected counts of 0.1-0.2. Not for effective counts (see ScoreBounds.wilson).
        Interval m = ProportionIntervals.modifiedWilson(a.rawX(), a.rawN(), confidence);
        i = new Interval(estimate, m.lower(), m.upper(), confidence, m.method());
      }
    } else if (method.startsWith("newcombe")) {
      if (b == null || Math.abs(a.rate() - b.rate() - estimate) > 1e-9) {
        return;
      }
      boolean clustered = a.clustered() || b.clustered();
      double[] d =
          clustered
              ? ScoreBounds.newcombe(a, b, confidence, estimate)
              : ScoreBounds.difference(a, b, confidence);
      i =
          new Interval(
              estimate, d[0], d[1], confidence, ScoreBounds.differenceMethod(clustered, ""));
    } else {
      if (b == null || b.rawX() == 0) {
        return;
      }
      if (Math.abs(a.rate() / b.rate() - estimate) > 1e-9 * Math.max(1, estimate)) {
        return;
      }
      double[] r = ScoreBounds.ratio(a, b, confidence);
      if (r == null) {
        return;
      }
      i = new Interval(estimate, r[0], r[1], confidence, ScoreBounds.ratioMethod(a, b));
    }
    intervals.put(statistic, i);
  }

  /**
   * The binary cell (0 TP, 1 FN, 2 FP, 3 TN) of confusion cell (g * k + true) * k + predicted; of a
   * multiclass report (positive −1) 0 where the prediction is right and 1 where it is wrong.
   */
  private static int cellOf(int confusionCell, int k, int positive) {
    if (positive < 0) {
      return confusionCell / k % k == confusionCell % k ? 0 : 1;
    }
    boolean t = confusionCell / k % k == positive;
    boolean p = confusionCell % k == positive;
    return t ? (p ? 0 : 1) : (p ? 2 : 3);
  }

  @SuppressWarnings("unchecked")
  private static Map<Integer, long[]>[] newMaps(int size) {
    Map<Integer, long[]>[] m = new Map[size];
    for (int i = 0; i < size; i++) {
      m[i] = new LinkedHashMap<>();
    }
    return m;
  }
}
