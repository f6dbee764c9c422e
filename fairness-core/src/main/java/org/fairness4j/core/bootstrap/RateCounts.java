package org.fairness4j.core.bootstrap;

import java.util.Map;

/**
 * Effective successes and trials of one rate in one group (or overall): x and n themselves without
 * clusters; with clusters divided by the design effect deff, the ratio of the cluster
 * (ratio-estimator) variance of x/n to the binomial one, at least 1. At a rate of exactly 0 or 1
 * that variance is 0, and the number of clusters is used as n (full correlation within a cluster,
 * the conservative choice).
 *
 * @param x effective successes
 * @param n effective trials
 * @param rawX counted successes
 * @param rawN counted trials
 * @param df degrees of freedom of the quantile: infinite without clusters, (clusters − 1) with
 */
record RateCounts(double x, double n, long rawX, long rawN, double df) {
  /** The counted rate x/n. */
  double rate() {
    return rawX / (double) rawN;
  }

  /** Whether the counts come from clusters (a Student's t quantile). */
  boolean clustered() {
    return !Double.isInfinite(df);
  }

  /** The independent counts x of n. */
  static RateCounts of(long x, long n) {
    return new RateCounts(x, n, x, n, Double.POSITIVE_INFINITY);
  }

  /**
   * The effective counts (see the class comment).
   *
   * @param x successes
   * @param n trials
   * @param clusters per cluster holding rows of this rate its {x, n}; null without clusters
   * @return the counts, or null with fewer than two clusters
   */
  static RateCounts effective(long x, long n, Map<Integer, long[]> clusters) {
    if (clusters == null) {
      return of(x, n);
    }
    int c = clusters.size();
    if (c < 2) {
      return null;
    }
    if (c == n) {
      // Every cluster holds one row of this rate: the design is the independent one, and the
      // design effect c/(c − 1) with Student's t would only widen the interval (it covered 97–98 %
      // on clusters of one).
      return of(x, n);
    }
    double p = x / (double) n;
    double neff;
    if (x == 0 || x == n) {
      neff = Math.min(n, c);
    } else {
      double ss = 0;
      for (long[] xn : clusters.values()) {
        double d = xn[0] - p * xn[1];
        ss += d * d;
      }
      double variance = c / (c - 1.0) * ss / ((double) n * n);
      double deff = Math.max(1, variance / (p * (1 - p) / n));
      neff = n / deff;
    }
    return new RateCounts(p * neff, neff, x, n, c - 1.0);
  }
}
