package org.fairness4j.core.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * DeLong's nonparametric variance of the ROC AUC (DeLong, DeLong and Clarke-Pearson 1988), computed
 * from midranks in O(n log n) (Sun and Xu 2014), with normal intervals for one AUC and for the
 * difference of two independent groups' AUCs. Equal to the O(m·n) definition ({@code
 * tools/make_delong_golden.py}).
 */
public final class DeLong {
  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

  private DeLong() {}

  /**
   * An AUC with its DeLong variance.
   *
   * @param auc the AUC (ties count one half)
   * @param variance S10/m + S01/n
   * @param positives m
   * @param negatives n
   */
  public record Estimate(double auc, double variance, int positives, int negatives) {
    /**
     * The normal interval auc ± z·√variance, clipped to [0, 1].
     *
     * @param confidence e.g. 0.95
     * @return the interval
     */
    public Interval interval(double confidence) {
      double half = z(confidence) * Math.sqrt(variance);
      return new Interval(
          auc, Math.max(0, auc - half), Math.min(1, auc + half), confidence, "delong");
    }
  }

  private static double z(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must lie in (0, 1): " + confidence);
    }
    return NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }

  /**
   * The AUC of scores for positives against negatives, with its DeLong variance.
   *
   * @param scores one score per row
   * @param positive whether each row is a positive
   * @return the estimate
   * @throws IllegalArgumentException with fewer than two positives or two negatives (the variance
   *     needs both)
   */
  public static Estimate auc(double[] scores, boolean[] positive) {
    if (scores.length != positive.length) {
      throw new IllegalArgumentException("scores and labels differ in length");
    }
    int m = 0;
    for (boolean p : positive) {
      m += p ? 1 : 0;
    }
    int n = scores.length - m;
    if (m < 2 || n < 2) {
      throw new IllegalArgumentException(
          "DeLong needs at least two positives and two negatives, got " + m + " and " + n);
    }
    double[] x = new double[m];
    double[] y = new double[n];
    for (int i = 0, a = 0, b = 0; i < scores.length; i++) {
      if (positive[i]) {
        x[a++] = scores[i];
      } else {
        y[b++] = scores[i];
      }
    }
    double[] all = new double[m + n];
    System.arraycopy(x, 0, all, 0, m);
    System.arraycopy(y, 0, all, m, n);
    double[] rankAll = midranks(all);
    double[] rankX = midranks(x);
    double[] rankY = midranks(y);
    double[] v10 = new double[m];
    double[] v01 = new double[n];
    double sum = 0;
    for (int i = 0; i < m; i++) {
      v10[i] = (rankAll[i] - rankX[i]) / n;
      sum += rankAll[i];
    }
    for (int j = 0; j < n; j++) {
      v01[j] = 1 - (rankAll[m + j] - rankY[j]) / m;
    }
    double auc = (sum - m * (m + 1) / 2.0) / ((double) m * n);
    return new Estimate(auc, sampleVariance(v10) / m + sampleVariance(v01) / n, m, n);
  }

  /**
   * The normal interval of the difference a − b of two independent groups' AUCs (variances add).
   *
   * @param a first group
   * @param b second group
   * @param confidence e.g. 0.95
   * @return the interval of the difference
   */
  public static Interval difference(Estimate a, Estimate b, double confidence) {
    double d = a.auc() - b.auc();
    double half = z(confidence) * Math.sqrt(a.variance() + b.variance());
    return new Interval(d, d - half, d + half, confidence, "delong-independent");
  }

  /**
   * The two-sided p-value of "equal AUCs" for two independent groups.
   *
   * @param a first group
   * @param b second group
   * @return the p-value
   */
  public static double pValue(Estimate a, Estimate b) {
    double se = Math.sqrt(a.variance() + b.variance());
    if (se == 0) {
      return a.auc() == b.auc() ? 1 : 0;
    }
    return 2 * NORMAL.cumulativeProbability(-Math.abs(a.auc() - b.auc()) / se);
  }

  /** 1-based midranks (ties share the mean of their ranks). */
  static double[] midranks(double[] v) {
    Integer[] order =
        IntStream.range(0, v.length)
            .boxed()
            .sorted(Comparator.comparingDouble(i -> v[i]))
            .toArray(Integer[]::new);
    double[] r = new double[v.length];
    int i = 0;
    while (i < v.length) {
      int j = i;
      while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
        j++;
      }
      double mid = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[order[k]] = mid;
      }
      i = j + 1;
    }
    return r;
  }

  private static double sampleVariance(double[] v) {
    double mean = Arrays.stream(v).average().orElse(0);
    double s = 0;
    for (double x : v) {
      s += (x - mean) * (x - mean);
    }
    return s / (v.length - 1);
  }
}
