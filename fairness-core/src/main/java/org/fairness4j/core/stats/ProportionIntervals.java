package org.fairness4j.core.stats;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Analytic confidence intervals for rates (a TPR is x positives found of n) and for the difference
 * and ratio of two groups' rates. Values equal statsmodels' {@code proportion_confint} and {@code
 * confint_proportions_2indep} (see {@code docs/statistics.md}).
 */
public final class ProportionIntervals {
  private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

  private ProportionIntervals() {}

  private static double z(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must lie in (0, 1): " + confidence);
    }
    return NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }

  private static void check(long x, long n) {
    if (n <= 0 || x < 0 || x > n) {
      throw new IllegalArgumentException("need 0 <= x <= n and n > 0, got x=" + x + ", n=" + n);
    }
  }

  /**
   * Wilson score interval of x/n: good coverage for small n and rates near 0 or 1.
   *
   * @param x successes
   * @param n trials
   * @param confidence e.g. 0.95
   * @return the interval
   */
  public static Interval wilson(long x, long n, double confidence) {
    check(x, n);
    double z = z(confidence);
    double p = (double) x / n;
    double z2 = z * z;
    double denom = 1 + z2 / n;
    double center = (p + z2 / (2.0 * n)) / denom;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
    // At x = 0 and x = n the bound is exactly 0 or 1; floating point would miss it by an ulp.
    double lower = x == 0 ? 0 : Math.max(0, center - half);
    double upper = x == n ? 1 : Math.min(1, center + half);
    return new Interval(p, lower, upper, confidence, "wilson");
  }

  /**
   * Brown, Cai and DasGupta's modified Wilson interval of x/n (Statistical Science 16(2), 2001,
   * sec. 4.1.1): Wilson's interval, except that for x = 1..x* the lower bound is the one-sided
   * Poisson bound ½·χ²<sub>2x, α</sub>/n (α = 1 − confidence, the α-quantile of χ² with 2x degrees
   * of freedom), and for n − x = 1..x* the upper bound is 1 − ½·χ²<sub>2(n−x), α</sub>/n, with x* =
   * 2 for n ≤ 50 and 3 above. Plain Wilson covers as little as 85 % at 95 % nominal where the
   * expected count n·p is about 0.1–0.2 (n = 40, p = 0.004); the modified interval covers 98.9 %
   * there and equals Wilson everywhere else. At confidence 0.9 and above the Poisson bound lies
   * below Wilson's (checked for x ≤ 3 and n up to 10⁷), so the modification only widens; at 0.8 and
   * x = 3 it lies slightly above. Brown et al. give x* for n ≤ 100; above 100 x* = 3 is kept (as
   * R's DescTools does): the dip is a Poisson-limit effect that does not shrink with n (exact
   * coverage in {@code docs/statistics.md}).
   *
   * @param x successes
   * @param n trials
   * @param confidence e.g. 0.95
   * @return the interval, method {@code wilson} where both bounds are Wilson's, {@code
   *     wilson-modified} where one is the Poisson bound
   */
  public static Interval modifiedWilson(long x, long n, double confidence) {
    Interval w = wilson(x, n, confidence);
    long limit = n <= 50 ? 2 : 3;
    double alpha = 1 - confidence;
    boolean low = x >= 1 && x <= limit;
    boolean high = n - x >= 1 && n - x <= limit;
    if (!low && !high) {
      return w;
    }
    double lower = low ? poissonLower(x, alpha) / n : w.lower();
    double upper = high ? 1 - poissonLower(n - x, alpha) / n : w.upper();
    return new Interval(w.estimate(), lower, upper, confidence, "wilson-modified");
  }

  /**
   * The λ at which P(Poisson(λ) ≥ k) = α: ½·χ²<sub>2k</sub> quantile α (Commons Math's chi-squared
   * distribution, solved to 1e-15 rather than its default 1e-9).
   */
  private static double poissonLower(long k, double alpha) {
    return 0.5
        * new ChiSquaredDistribution(null, 2.0 * k, 1e-15).inverseCumulativeProbability(alpha);
  }

  /**
   * Clopper–Pearson ("exact") interval of x/n from Beta quantiles: never below nominal coverage.
   *
   * @param x successes
   * @param n trials
   * @param confidence e.g. 0.95
   * @return the interval
   */
  public static Interval clopperPearson(long x, long n, double confidence) {
    check(x, n);
    double a = (1 - confidence) / 2;
    z(confidence);
    double lower =
        x == 0 ? 0 : new BetaDistribution(x, n - x + 1.0).inverseCumulativeProbability(a);
    double upper =
        x == n ? 1 : new BetaDistribution(x + 1.0, n - x).inverseCumulativeProbability(1 - a);
    return new Interval((double) x / n, lower, upper, confidence, "clopper-pearson");
  }

  /**
   * Newcombe's hybrid score interval (method 10) for the difference x1/n1 − x2/n2 of two
   * independent groups, from their Wilson intervals.
   *
   * @param x1 successes in group 1
   * @param n1 trials in group 1
   * @param x2 successes in group 2
   * @param n2 trials in group 2
   * @param confidence e.g. 0.95
   * @return the interval of the difference
   */
  public static Interval newcombeDifference(long x1, long n1, long x2, long n2, double confidence) {
    Interval a = wilson(x1, n1, confidence);
    Interval b = wilson(x2, n2, confidence);
    double d = a.estimate() - b.estimate();
    double lower = d - Math.sqrt(sq(a.estimate() - a.lower()) + sq(b.upper() - b.estimate()));
    double upper = d + Math.sqrt(sq(a.upper() - a.estimate()) + sq(b.estimate() - b.lower()));
    return new Interval(d, lower, upper, confidence, "newcombe");
  }

  /**
   * Katz log interval of the ratio (x1/n1)/(x2/n2): exp(log r ± z·√(1/x1 − 1/n1 + 1/x2 − 1/n2)).
   *
   * @param x1 successes in group 1, at least 1
   * @param n1 trials in group 1
   * @param x2 successes in group 2, at least 1
   * @param n2 trials in group 2
   * @param confidence e.g. 0.95
   * @return the interval of the ratio
   * @throws IllegalArgumentException when a count is 0 (the log ratio is then undefined)
   */
  public static Interval katzRatio(long x1, long n1, long x2, long n2, double confidence) {
    check(x1, n1);
    check(x2, n2);
    if (x1 == 0 || x2 == 0) {
      throw new IllegalArgumentException("the Katz interval needs x1 > 0 and x2 > 0");
    }
    double z = z(confidence);
    double r = ((double) x1 / n1) / ((double) x2 / n2);
    double se = Math.sqrt(1.0 / x1 - 1.0 / n1 + 1.0 / x2 - 1.0 / n2);
    return new Interval(
        r, Math.exp(Math.log(r) - z * se), Math.exp(Math.log(r) + z * se), confidence, "katz-log");
  }

  private static double sq(double v) {
    return v * v;
  }
}
