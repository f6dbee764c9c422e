package org.fairness4j.core.bootstrap;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.EqualizedOddsAggregation;
import org.fairness4j.core.FairnessMetrics;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.ConfusionStatistics;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.Interval;

/**
 * The score intervals {@link GroupBootstrap} reports instead of percentile ones for rates x/n of a
 * binary, unweighted report (selection rate, base rate, accuracy, error rate, TPR, FPR, TNR, FNR,
 * precision, NPV, FDR, FOR): Wilson for a group's or the overall rate, Newcombe's hybrid score
 * interval for a group's signed difference to the reference group, and Katz's log interval for its
 * ratio (where a count is 0 or n, the MOVER-R interval from the two Wilson intervals, method {@code
 * mover-wilson}). A percentile interval of a rate collapses to a point at 0 and 1 (recall 8/8 gives
 * [1, 1]) and under-covers for small groups; these do not.
 *
 * <p>With clusters (several rows per patient) the counts are replaced by effective counts n/deff,
 * x/deff, where the design effect deff is the ratio of the cluster (ratio-estimator) variance of
 * x/n to the binomial one, at least 1; at a rate of exactly 0 or 1 that variance is 0, and the
 * number of clusters is used as n (full correlation within a cluster, the conservative choice).
 * With clusters the normal quantile is replaced by Student's t with (clusters − 1) degrees of
 * freedom.
 */
final class RateIntervals {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  /** Which rows are in a rate's denominator and numerator (t, p: true and predicted positive). */
  enum Rate {
    BASE_RATE(Metric.BASE_RATE),
    SELECTION_RATE(Metric.SELECTION_RATE),
    ACCURACY(Metric.ACCURACY),
    ERROR_RATE(Metric.ERROR_RATE),
    PRECISION(Metric.PRECISION),
    NPV(Metric.NPV),
    RECALL(Metric.RECALL),
    TNR(Metric.TNR),
    FPR(Metric.FPR),
    FNR(Metric.FNR),
    FDR(Metric.FDR),
    FOR(Metric.FALSE_OMISSION_RATE);

    final Metric metric;

    Rate(Metric metric) {
      this.metric = metric;
    }

    /** The rate of a metric, or null when the metric is not x/n of the confusion cells. */
    static Rate of(Metric metric) {
      for (Rate r : values()) {
        if (r.metric == metric) {
          return r;
        }
      }
      return null;
    }

    boolean inDenominator(boolean t, boolean p) {
      return switch (this) {
        case BASE_RATE, SELECTION_RATE, ACCURACY, ERROR_RATE -> true;
        case PRECISION, FDR -> p;
        case NPV, FOR -> !p;
        case RECALL, FNR -> t;
        case TNR, FPR -> !t;
      };
    }

    /** {x, n} of this rate from the cells {TP, FN, FP, TN}. */
    long[] count(long[] cells) {
      long x = 0;
      long n = 0;
      for (int c = 0; c < 4; c++) {
        boolean t = c < 2;
        boolean p = c == 0 || c == 2;
        if (inDenominator(t, p)) {
          n += cells[c];
          x += inNumerator(t, p) ? cells[c] : 0;
        }
      }
      return new long[] {x, n};
    }

    boolean inNumerator(boolean t, boolean p) {
      return switch (this) {
        case BASE_RATE -> t;
        case SELECTION_RATE -> p;
        case ACCURACY -> t == p;
        case ERROR_RATE -> t != p;
        case PRECISION, RECALL -> t && p;
        case NPV, TNR -> !t && !p;
        case FPR, FDR -> !t && p;
        case FNR, FOR -> t && !p;
      };
    }
  }

  /** Effective successes and trials of one rate in one group (or overall). */
  record Counts(double x, double n, long rawX, long rawN, double df) {
    double rate() {
      return rawX / (double) rawN;
    }
  }

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
      Map<String, Double> original,
      Map<String, Interval> intervals) {
    if (!report.isBinary()) {
      return;
    }
    int positive = report.classes().require(report.positiveLabel().orElseThrow());
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
        int cell = binaryCell(c, classes, positive);
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
          int cell = binaryCell(flat[j], classes, positive);
          perCluster[g].computeIfAbsent(cluster, x -> new long[4])[cell] += flat[j + 1];
          perCluster[groups].computeIfAbsent(cluster, x -> new long[4])[cell] += flat[j + 1];
        }
      }
    }
    Map<Rate, Counts[]> counts = new EnumMap<>(Rate.class);
    for (Rate rate : Rate.values()) {
      if (!report.metrics().contains(rate.metric)) {
        continue;
      }
      Counts[] c = new Counts[groups + 1];
      for (int slot = 0; slot <= groups; slot++) {
        long[] xn = rate.count(cells[slot]);
        Map<Integer, long[]> clusters = null;
        if (clustered) {
          clusters = new LinkedHashMap<>();
          for (Map.Entry<Integer, long[]> e : perCluster[slot].entrySet()) {
            long[] cx = rate.count(e.getValue());
            if (cx[1] > 0) {
              clusters.put(e.getKey(), cx);
            }
          }
        }
        c[slot] = xn[1] == 0 ? null : effective(xn[0], xn[1], clusters);
      }
      counts.put(rate, c);
    }
    String suffix = clustered ? "-clustered" : "";
    int ref = reference == null ? -1 : keys.indexOf(reference);
    for (Map.Entry<Rate, Counts[]> e : counts.entrySet()) {
      Metric k = e.getKey().metric;
      Counts[] c = e.getValue();
      replace(
          intervals,
          original,
          ReportStatisticId.overall(k).key(),
          c[groups],
          null,
          confidence,
          "wilson" + suffix);
      for (int g = 0; g < groups; g++) {
        replace(
            intervals,
            original,
            ReportStatisticId.byGroup(keys.get(g), k).key(),
            c[g],
            null,
            confidence,
            "wilson" + suffix);
        if (ref >= 0 && g != ref) {
          replace(
              intervals,
              original,
              ReportStatisticId.differenceToReference(keys.get(g), k).key(),
              c[g],
              c[ref],
              confidence,
              "newcombe" + suffix);
          replace(
              intervals,
              original,
              ReportStatisticId.ratioToReference(keys.get(g), k).key(),
              c[g],
              c[ref],
              confidence,
              "katz-log" + suffix);
        }
      }
    }
    twoGroups(counts, groups, confidence, suffix, original, intervals);
  }

  /**
   * With exactly two groups defined for a rate, the max − min gap is |p1 − p0| and min / max is
   * min(r, 1/r) = exp(−|log r|) for r = p1/p0: their intervals come from the Newcombe and Katz
   * intervals by inverting a test of |δ| ({@link FoldedInterval}), not by folding them at 0 and 1,
   * which covered up to 99 % at 95 % near a gap of 0. Equalized odds combines the TPR and FPR
   * intervals the way it combines the values (larger gap or smaller ratio: bounds combined by max
   * or min; mean: bounds averaged).
   */
  private static void twoGroups(
      Map<Rate, Counts[]> counts,
      int groups,
      double confidence,
      String suffix,
      Map<String, Double> original,
      Map<String, Interval> intervals) {
    // With clusters ratios come from MOVER on the log scale (see ratio); without, Katz.
    String ratioMethod =
        (suffix.isEmpty() ? "katz-log-folded" : "mover-log-wilson-folded") + suffix;
    Map<Metric, double[]> gaps = new EnumMap<>(Metric.class);
    Map<Metric, double[]> ratios = new EnumMap<>(Metric.class);
    Map<Metric, double[]> worstGaps = new EnumMap<>(Metric.class);
    Map<Metric, double[]> worstRatios = new EnumMap<>(Metric.class);
    for (Map.Entry<Rate, Counts[]> e : counts.entrySet()) {
      Counts a = null;
      Counts b = null;
      int defined = 0;
      for (int g = 0; g < groups; g++) {
        Counts c = e.getValue()[g];
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
      double[] gap = gap(a, b, confidence);
      gaps.put(m, gap);
      put(
          intervals,
          original,
          ReportStatisticId.difference(DisparityMethod.BETWEEN_GROUPS, m).key(),
          gap,
          confidence,
          "newcombe-folded" + suffix);
      double[] ratio = minMaxRatio(a, b, confidence);
      if (ratio != null) {
        ratios.put(m, ratio);
        put(
            intervals,
            original,
            ReportStatisticId.ratio(DisparityMethod.BETWEEN_GROUPS, m).key(),
            ratio,
            confidence,
            ratioMethod);
      }
      if (m == Metric.RECALL || m == Metric.FPR) {
        // Worst-case equalized odds is covered when both components are: TPR and FPR come from
        // disjoint rows (positives, negatives), so each at level √confidence (Šidák) gives it
        // confidence (at least), where two 95 % components gave as little as 0.95² ≈ 90 %.
        double sidak = Math.sqrt(confidence);
        worstGaps.put(m, gap(a, b, sidak));
        double[] wr = minMaxRatio(a, b, sidak);
        if (wr != null) {
          worstRatios.put(m, wr);
        }
      }
    }
    fair(
        intervals,
        original,
        fairnessKey(FairnessMetrics.DEMOGRAPHIC_PARITY_DIFFERENCE, null),
        gaps.get(Metric.SELECTION_RATE),
        confidence,
        "newcombe-folded" + suffix);
    fair(
        intervals,
        original,
        fairnessKey(FairnessMetrics.DEMOGRAPHIC_PARITY_RATIO, null),
        ratios.get(Metric.SELECTION_RATE),
        confidence,
        ratioMethod);
    fair(
        intervals,
        original,
        fairnessKey(FairnessMetrics.EQUAL_OPPORTUNITY_DIFFERENCE, null),
        gaps.get(Metric.RECALL),
        confidence,
        "newcombe-folded" + suffix);
    fair(
        intervals,
        original,
        fairnessKey(FairnessMetrics.EQUAL_OPPORTUNITY_RATIO, null),
        ratios.get(Metric.RECALL),
        confidence,
        ratioMethod);
    double[] tg = gaps.get(Metric.RECALL);
    double[] fg = gaps.get(Metric.FPR);
    double[] wtg = worstGaps.get(Metric.RECALL);
    double[] wfg = worstGaps.get(Metric.FPR);
    if (tg != null && fg != null) {
      fair(
          intervals,
          original,
          fairnessKey(
              FairnessMetrics.EQUALIZED_ODDS_DIFFERENCE, EqualizedOddsAggregation.WORST_CASE),
          new double[] {
            Math.max(wtg[0], wfg[0]), Math.max(wtg[1], wfg[1]), Math.max(wtg[2], wfg[2])
          },
          confidence,
          "newcombe-folded" + suffix);
      fair(
          intervals,
          original,
          fairnessKey(FairnessMetrics.EQUALIZED_ODDS_DIFFERENCE, EqualizedOddsAggregation.MEAN),
          new double[] {(tg[0] + fg[0]) / 2, (tg[1] + fg[1]) / 2, (tg[2] + fg[2]) / 2},
          confidence,
          "newcombe-folded" + suffix);
    }
    double[] tr = ratios.get(Metric.RECALL);
    double[] fr = ratios.get(Metric.FPR);
    double[] wtr = worstRatios.get(Metric.RECALL);
    double[] wfr = worstRatios.get(Metric.FPR);
    if (wtr != null && wfr != null) {
      fair(
          intervals,
          original,
          fairnessKey(FairnessMetrics.EQUALIZED_ODDS_RATIO, EqualizedOddsAggregation.WORST_CASE),
          new double[] {
            Math.min(wtr[0], wfr[0]), Math.min(wtr[1], wfr[1]), Math.min(wtr[2], wfr[2])
          },
          confidence,
          ratioMethod);
    }
    if (tr != null && fr != null) {
      fair(
          intervals,
          original,
          fairnessKey(FairnessMetrics.EQUALIZED_ODDS_RATIO, EqualizedOddsAggregation.MEAN),
          new double[] {(tr[0] + fr[0]) / 2, (tr[1] + fr[1]) / 2, (tr[2] + fr[2]) / 2},
          confidence,
          ratioMethod);
    }
  }

  /** The key of a between-groups fairness metric. */
  private static String fairnessKey(String name, EqualizedOddsAggregation agg) {
    return ReportStatisticId.fairness(name, DisparityMethod.BETWEEN_GROUPS, agg).key();
  }

  /** {lower, upper, estimate} of |b − a| (Newcombe, inverted for the absolute value). */
  static double[] gap(Counts a, Counts b, double confidence) {
    double[] d = newcombe(b, a, confidence);
    // The normal quantile even with clusters: the inversion uses the normal distribution, so the
    // half-widths (made with Student's t) are read as normal ones and far from 0 it gives [L, U].
    double[] g = FoldedInterval.of(b.rate() - a.rate(), d[0], d[1], z(confidence), 1 - confidence);
    return new double[] {g[0], g[1], Math.abs(b.rate() - a.rate())};
  }

  /**
   * {lower, upper, estimate} of min(b/a, a/b) = exp(−|log(b/a)|) from the Katz/MOVER interval of
   * b/a, inverted for |log| where its lower bound is positive (folded at 1 otherwise); null when a
   * count is 0 or no ratio interval applies.
   */
  static double[] minMaxRatio(Counts a, Counts b, double confidence) {
    double[] r = a.rawX() > 0 && b.rawX() > 0 ? ratio(b, a, confidence) : null;
    if (r == null) {
      return null;
    }
    double est = Math.min(b.rate() / a.rate(), a.rate() / b.rate());
    if (r[0] > 0) {
      double[] lg =
          FoldedInterval.of(
              Math.log(b.rate() / a.rate()),
              Math.log(r[0]),
              Math.log(r[1]),
              z(confidence),
              1 - confidence);
      return new double[] {Math.exp(-lg[1]), Math.exp(-lg[0]), est};
    }
    double[] fold =
        r[0] <= 1 && 1 <= r[1]
            ? new double[] {Math.min(r[0], 1 / r[1]), 1}
            : r[1] < 1 ? new double[] {r[0], r[1]} : new double[] {1 / r[1], 1 / r[0]};
    return new double[] {fold[0], fold[1], est};
  }

  private static void fair(
      Map<String, Interval> intervals,
      Map<String, Double> original,
      String statistic,
      double[] bounds,
      double confidence,
      String method) {
    if (bounds != null) {
      put(intervals, original, statistic, bounds, confidence, method);
    }
  }

  /** Puts {lower, upper} when the statistic's estimate equals bounds[2] (the value recomputed). */
  private static void put(
      Map<String, Interval> intervals,
      Map<String, Double> original,
      String statistic,
      double[] bounds,
      double confidence,
      String method) {
    Double estimate = original.get(statistic);
    if (estimate == null || Double.isNaN(estimate) || Math.abs(estimate - bounds[2]) > 1e-9) {
      return;
    }
    intervals.put(statistic, new Interval(estimate, bounds[0], bounds[1], confidence, method));
  }

  /** Newcombe bounds of a.rate − b.rate. */
  private static double[] newcombe(Counts a, Counts b, double confidence) {
    double[] wa = wilson(a, confidence);
    double[] wb = wilson(b, confidence);
    double pa = a.rate();
    double pb = b.rate();
    double d = pa - pb;
    return new double[] {
      d - Math.sqrt(sq(pa - wa[0]) + sq(wb[1] - pb)), d + Math.sqrt(sq(wa[1] - pa) + sq(pb - wb[0]))
    };
  }

  /** Whether a count lies at 0 or n, where Katz's log variance breaks down. */
  private static boolean boundary(Counts a, Counts b) {
    return a.rawX() == 0 || a.rawX() == a.rawN() || b.rawX() == b.rawN();
  }

  /**
   * Bounds of a.rate / b.rate (b's count positive): Katz's log interval when both counts lie
   * strictly between 0 and n; at 0 or n, where Katz's variance is 0 or its log undefined (two
   * recalls of 1 give [1, 1]), the MOVER-R interval of Donner and Zou (2012) from the two Wilson
   * intervals; with clusters (where Katz on effective counts with Student's t covered up to 99 %)
   * and both rates positive, MOVER on the log scale from the two clustered Wilson intervals; null
   * where none applies.
   */
  static double[] ratio(Counts a, Counts b, double confidence) {
    if (b.rawX() == 0) {
      return null;
    }
    boolean clustered = !Double.isInfinite(a.df()) || !Double.isInfinite(b.df());
    if (clustered && a.rawX() > 0) {
      // MOVER on the log scale (Zou and Donner 2008) from the two clustered Wilson intervals:
      // defined whenever both rates are positive, where MOVER-R's closed form breaks down once a
      // Wilson upper bound exceeds twice its rate (common with few effective counts).
      double[] w1 = wilson(a, confidence);
      double[] w2 = wilson(b, confidence);
      double l1 = Math.log(a.rate());
      double l2 = Math.log(b.rate());
      double lo = l1 - l2 - Math.sqrt(sq(l1 - Math.log(w1[0])) + sq(Math.log(w2[1]) - l2));
      double hi = l1 - l2 + Math.sqrt(sq(Math.log(w1[1]) - l1) + sq(l2 - Math.log(w2[0])));
      return new double[] {Math.exp(lo), Math.exp(hi)};
    }
    if (!boundary(a, b) && !clustered) {
      double z = z(confidence, Math.min(a.df(), b.df()));
      double log = Math.log(a.rate() / b.rate());
      double se = Math.sqrt(1 / a.x() - 1 / a.n() + 1 / b.x() - 1 / b.n());
      return new double[] {Math.exp(log - z * se), Math.exp(log + z * se)};
    }
    double[] w1 = wilson(a, confidence);
    double[] w2 = wilson(b, confidence);
    double p1 = a.rate();
    double p2 = b.rate();
    double lower;
    if (p1 == 0) {
      lower = 0;
    } else {
      double den = w2[1] * (2 * p2 - w2[1]);
      double disc = sq(p1 * p2) - w1[0] * w2[1] * (2 * p1 - w1[0]) * (2 * p2 - w2[1]);
      if (den <= 0) {
        return null;
      }
      lower = (p1 * p2 - Math.sqrt(Math.max(0, disc))) / den;
    }
    double den = w2[0] * (2 * p2 - w2[0]);
    double disc = sq(p1 * p2) - w1[1] * w2[0] * (2 * p1 - w1[1]) * (2 * p2 - w2[0]);
    if (den <= 0) {
      return null;
    }
    return new double[] {Math.max(0, lower), (p1 * p2 + Math.sqrt(Math.max(0, disc))) / den};
  }

  private static void replace(
      Map<String, Interval> intervals,
      Map<String, Double> original,
      String statistic,
      Counts a,
      Counts b,
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
      double[] w = wilson(a, confidence);
      i = new Interval(estimate, w[0], w[1], confidence, method);
    } else if (method.startsWith("newcombe")) {
      if (b == null || Math.abs(a.rate() - b.rate() - estimate) > 1e-9) {
        return;
      }
      double[] wa = wilson(a, confidence);
      double[] wb = wilson(b, confidence);
      double pa = a.rate();
      double pb = b.rate();
      double lower = estimate - Math.sqrt(sq(pa - wa[0]) + sq(wb[1] - pb));
      double upper = estimate + Math.sqrt(sq(wa[1] - pa) + sq(pb - wb[0]));
      i = new Interval(estimate, lower, upper, confidence, method);
    } else {
      if (b == null || b.rawX() == 0) {
        return;
      }
      if (Math.abs(a.rate() / b.rate() - estimate) > 1e-9 * Math.max(1, estimate)) {
        return;
      }
      double[] r = ratio(a, b, confidence);
      if (r == null) {
        return;
      }
      i = new Interval(estimate, r[0], r[1], confidence, ratioMethod(a, b, method));
    }
    intervals.put(statistic, i);
  }

  /** The name of {@link #ratio}'s construction for these counts. */
  private static String ratioMethod(Counts a, Counts b, String katz) {
    String suffix = katz.substring("katz-log".length());
    if (!Double.isInfinite(a.df()) || !Double.isInfinite(b.df())) {
      return (a.rawX() > 0 ? "mover-log-wilson" : "mover-wilson") + suffix;
    }
    return boundary(a, b) ? "mover-wilson" + suffix : katz;
  }

  /** Wilson score bounds of x/n for (possibly fractional, effective) counts. */
  static double[] wilson(Counts c, double confidence) {
    double z = z(confidence, c.df());
    double n = c.n();
    double p = c.rate();
    double z2 = z * z;
    double denom = 1 + z2 / n;
    double center = (p + z2 / (2 * n)) / denom;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
    double lower = c.rawX() == 0 ? 0 : Math.max(0, center - half);
    double upper = c.rawX() == c.rawN() ? 1 : Math.min(1, center + half);
    return new double[] {lower, upper};
  }

  /**
   * The effective counts: x and n themselves without clusters; with clusters divided by the design
   * effect (see the class comment).
   */
  static Counts effective(long x, long n, Map<Integer, long[]> clusters) {
    if (clusters == null) {
      return new Counts(x, n, x, n, Double.POSITIVE_INFINITY);
    }
    int c = clusters.size();
    if (c < 2) {
      return null;
    }
    if (c == n) {
      // Every cluster holds one row of this rate: the design is the independent one, and the
      // design effect c/(c − 1) with Student's t would only widen the interval (it covered 97–98 %
      // on clusters of one).
      return new Counts(x, n, x, n, Double.POSITIVE_INFINITY);
    }
    double p = x / (double) n;
    double neff;
    if (x == 0 || x == n) {
      neff = Math.min(n, c);
    } else {
      double ss = 0;
      for (long[] xn : clusters.values()) {
        ss += sq(xn[0] - p * xn[1]);
      }
      double variance = c / (c - 1.0) * ss / ((double) n * n);
      double deff = Math.max(1, variance / (p * (1 - p) / n));
      neff = n / deff;
    }
    return new Counts(p * neff, neff, x, n, c - 1.0);
  }

  /**
   * The normal quantile, or with clusters Student's t with (clusters − 1) degrees of freedom: the
   * design effect is estimated from that many clusters.
   */
  private static double z(double confidence, double df) {
    if (Double.isInfinite(df)) {
      return z(confidence);
    }
    return new org.apache.commons.math3.distribution.TDistribution(null, df)
        .inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }

  private static double z(double confidence) {
    return NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }

  private static double sq(double v) {
    return v * v;
  }

  /** The binary cell (0 TP, 1 FN, 2 FP, 3 TN) of confusion cell (g * k + true) * k + predicted. */
  private static int binaryCell(int confusionCell, int k, int positive) {
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
