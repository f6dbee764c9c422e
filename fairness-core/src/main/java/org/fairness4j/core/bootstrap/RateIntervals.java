package org.fairness4j.core.bootstrap;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.PredictionTable;

/**
 * The score intervals {@link GroupBootstrap} reports instead of percentile ones for rates x/n of a
 * binary, unweighted report (selection rate, base rate, accuracy, error rate, TPR, FPR, TNR, FNR,
 * precision, NPV, FDR, FOR): Wilson for a group's or the overall rate, Newcombe's hybrid score
 * interval for a group's signed difference to the reference group, and Katz's log interval for its
 * ratio (when the group's count is 0, the ratio is 0: the lower bound is 0 and the upper one Katz's
 * with 0.5 added to that count, method {@code katz-log-haldane}). A percentile interval of a rate
 * collapses to a point at 0 and 1 (recall 8/8 gives [1, 1]) and under-covers for small groups;
 * these do not.
 *
 * <p>With clusters (several rows per patient) the counts are replaced by effective counts n/deff,
 * x/deff, where the design effect deff is the ratio of the cluster (ratio-estimator) variance of
 * x/n to the binomial one, at least 1; at a rate of exactly 0 or 1 that variance is 0, and the
 * number of clusters is used as n (full correlation within a cluster, the conservative choice).
 */
final class RateIntervals {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  /** Which rows are in a rate's denominator and numerator (t, p: true and predicted positive). */
  private enum Rate {
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

    boolean inDenominator(boolean t, boolean p) {
      return switch (this) {
        case BASE_RATE, SELECTION_RATE, ACCURACY, ERROR_RATE -> true;
        case PRECISION, FDR -> p;
        case NPV, FOR -> !p;
        case RECALL, FNR -> t;
        case TNR, FPR -> !t;
      };
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
  record Counts(double x, double n, long rawX, long rawN) {
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
   * @param names the bootstrap's statistic names
   * @param intervals statistic → interval; changed in place
   */
  static void apply(
      GroupReport report,
      PredictionTable table,
      GroupIndex index,
      boolean clustered,
      double confidence,
      GroupKey reference,
      Map<String, Double> original,
      Map<String, Interval> intervals) {
    if (!report.isBinary() || table.isWeighted()) {
      return;
    }
    int positive = table.classes().require(report.positiveLabel().orElseThrow());
    List<GroupKey> keys = index.keys();
    int groups = keys.size();
    // counts[g][rate] with g == groups for overall; per cluster when clustered
    Map<Rate, Counts[]> counts = new EnumMap<>(Rate.class);
    for (Rate rate : Rate.values()) {
      if (!report.metrics().contains(rate.metric)) {
        continue;
      }
      long[] x = new long[groups + 1];
      long[] n = new long[groups + 1];
      Map<Integer, long[]>[] perCluster = clustered ? newMaps(groups + 1) : null;
      for (int i = 0; i < table.rowCount(); i++) {
        int g = index.groupOf(i);
        if (g < 0) {
          continue;
        }
        boolean t = table.trueClass(i) == positive;
        boolean p = table.predictedClass(i) == positive;
        if (!rate.inDenominator(t, p)) {
          continue;
        }
        int hit = rate.inNumerator(t, p) ? 1 : 0;
        for (int slot : new int[] {g, groups}) {
          n[slot]++;
          x[slot] += hit;
          if (clustered) {
            long[] c = perCluster[slot].computeIfAbsent(table.cluster(i), k -> new long[2]);
            c[0] += hit;
            c[1]++;
          }
        }
      }
      Counts[] c = new Counts[groups + 1];
      for (int s = 0; s <= groups; s++) {
        c[s] = n[s] == 0 ? null : effective(x[s], n[s], clustered ? perCluster[s] : null);
      }
      counts.put(rate, c);
    }
    String suffix = clustered ? "-clustered" : "";
    int ref = reference == null ? -1 : keys.indexOf(reference);
    for (Map.Entry<Rate, Counts[]> e : counts.entrySet()) {
      String k = e.getKey().metric.key();
      Counts[] c = e.getValue();
      replace(intervals, original, "overall/" + k, c[groups], null, confidence, "wilson" + suffix);
      for (int g = 0; g < groups; g++) {
        String group = keys.get(g).toString();
        replace(
            intervals,
            original,
            "by_group/" + group + "/" + k,
            c[g],
            null,
            confidence,
            "wilson" + suffix);
        if (ref >= 0 && g != ref) {
          replace(
              intervals,
              original,
              ReportStatistics.toReference("difference", keys.get(g), k),
              c[g],
              c[ref],
              confidence,
              "newcombe" + suffix);
          replace(
              intervals,
              original,
              ReportStatistics.toReference("ratio", keys.get(g), k),
              c[g],
              c[ref],
              confidence,
              "katz-log" + suffix);
        }
      }
    }
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
      double z = z(confidence);
      if (a.rawX() == 0) {
        // log 0 is undefined: the lower bound is 0, the upper one Katz's with x + 0.5 (Haldane).
        double xa = 0.5;
        double ratio = (xa / a.n()) / (b.x() / b.n());
        double se = Math.sqrt(1 / xa - 1 / a.n() + 1 / b.x() - 1 / b.n());
        intervals.put(
            statistic,
            new Interval(
                estimate, 0, Math.exp(Math.log(ratio) + z * se), confidence, method + "-haldane"));
        return;
      }
      double se = Math.sqrt(1 / a.x() - 1 / a.n() + 1 / b.x() - 1 / b.n());
      double log = Math.log(estimate);
      i =
          new Interval(
              estimate, Math.exp(log - z * se), Math.exp(log + z * se), confidence, method);
    }
    intervals.put(statistic, i);
  }

  /** Wilson score bounds of x/n for (possibly fractional, effective) counts. */
  static double[] wilson(Counts c, double confidence) {
    double z = z(confidence);
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
      return new Counts(x, n, x, n);
    }
    int c = clusters.size();
    if (c < 2) {
      return null;
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
    return new Counts(p * neff, neff, x, n);
  }

  private static double z(double confidence) {
    return NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }

  private static double sq(double v) {
    return v * v;
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
