package org.fairness4j.core.bootstrap;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Gamma;

/**
 * Exact binomial sampling by inversion from the mode: one uniform, and the outcomes visited in the
 * order mode, mode+1, mode−1, mode+2, ... with their probabilities from the ratio recurrence, so a
 * draw costs O(√(np(1−p))) multiplications instead of a quantile search.
 */
final class Binomial {
  private Binomial() {}

  static long sample(RandomGenerator rng, long n, double p) {
    if (n == 0 || p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    if (p > 0.5) {
      return n - sample(rng, n, 1 - p);
    }
    double q = 1 - p;
    long mode = (long) Math.floor((n + 1) * p);
    if (mode > n) {
      mode = n;
    }
    double logPmf =
        Gamma.logGamma(n + 1.0)
            - Gamma.logGamma(mode + 1.0)
            - Gamma.logGamma(n - mode + 1.0)
            + mode * Math.log(p)
            + (n - mode) * Math.log(q);
    double pm = Math.exp(logPmf);
    double u = rng.nextDouble();
    double acc = pm;
    if (u < acc) {
      return mode;
    }
    long lo = mode;
    long hi = mode;
    double pLo = pm;
    double pHi = pm;
    double ratio = p / q;
    while (lo > 0 || hi < n) {
      if (hi < n) {
        pHi *= (double) (n - hi) / (hi + 1) * ratio;
        hi++;
        acc += pHi;
        if (u < acc) {
          return hi;
        }
      }
      if (lo > 0) {
        pLo *= (double) lo / (n - lo + 1) / ratio;
        lo--;
        acc += pLo;
        if (u < acc) {
          return lo;
        }
      }
    }
    return mode;
  }
}
