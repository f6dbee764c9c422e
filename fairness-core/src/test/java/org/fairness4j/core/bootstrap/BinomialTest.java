package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class BinomialTest {
  /** Observed frequencies of 200,000 draws against the exact pmf: a chi-square statistic. */
  @Test
  void drawsFollowTheBinomialDistribution() {
    for (double p : new double[] {0.03, 0.3, 0.5, 0.85}) {
      int n = 40;
      int draws = 200_000;
      long[] counts = new long[n + 1];
      Well19937c rng = new Well19937c(9);
      for (int i = 0; i < draws; i++) {
        counts[(int) Binomial.sample(rng, n, p)]++;
      }
      BinomialDistribution exact = new BinomialDistribution(n, p);
      double chi2 = 0;
      int cells = 0;
      for (int k = 0; k <= n; k++) {
        double expected = draws * exact.probability(k);
        if (expected >= 5) {
          chi2 += Math.pow(counts[k] - expected, 2) / expected;
          cells++;
        }
      }
      // 99.9% quantile of chi-square with (cells - 1) degrees of freedom is below 3 * cells here.
      assertTrue(chi2 < 3.0 * cells, "p=" + p + " chi2=" + chi2 + " cells=" + cells);
    }
  }

  @Test
  void largeCountsHaveTheRightMeanAndVariance() {
    Well19937c rng = new Well19937c(2);
    long n = 1_000_000;
    double p = 0.37;
    int draws = 20_000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < draws; i++) {
      double x = Binomial.sample(rng, n, p);
      sum += x;
      sumSq += x * x;
    }
    double mean = sum / draws;
    double var = sumSq / draws - mean * mean;
    assertEquals(n * p, mean, 5 * Math.sqrt(n * p * (1 - p) / draws));
    assertEquals(n * p * (1 - p), var, 0.05 * n * p * (1 - p));
    assertEquals(0, Binomial.sample(rng, 0, 0.5));
    assertEquals(7, Binomial.sample(rng, 7, 1.0));
  }
}
