package org.fairness4j.core.bootstrap;

import java.util.Map;

/**
 * Effective successes and trials of one rate in one group (or overall): x and n themselves without
 * clusters; with clusters divided by the design effect deff, the ratio of the cluster
 * (ratio-estimator) variance of x/n to the binomial one, at least 1. {@link RateIntervals} pools
 * that ratio over the groups of a rate (summed cluster variances over summed binomial ones, {@link
 * #varianceTerms}); the overall rate uses its own. At a rate of exactly 0 or 1 that variance is 0,
 * and the number of clusters is used as n (full correlation within a cluster, the conservative
 * choice).
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
    return effective(x, n, clusters, Double.NaN);
  }

  /**
   * The cluster variance of the total x − p·n (with the C/(C − 1) factor) and the binomial one,
   * n·p·(1 − p), for pooling the design effect over groups; null where the counts give none (no
   * clusters, fewer than two, clusters of one row, a rate of 0 or 1).
   */
  static double[] varianceTerms(long x, long n, Map<Integer, long[]> clusters) {
    if (clusters == null || clusters.size() < 2 || clusters.size() == n || x == 0 || x == n) {
      return null;
    }
    int c = clusters.size();
    double p = x / (double) n;
    double ss = 0;
    for (long[] xn : clusters.values()) {
      double d = xn[0] - p * xn[1];
      ss += d * d;
    }
    return new double[] {c / (c - 1.0) * ss, n * p * (1 - p)};
  }

  /**
   * The effective counts with a given design effect (NaN: this rate's own, see the class comment).
   */
  static RateCounts effective(long x, long n, Map<Integer, long[]> clusters, double pooledDeff) {
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
    } else if (!Double.isNaN(pooledDeff)) {
      neff = n / pooledDeff;
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
