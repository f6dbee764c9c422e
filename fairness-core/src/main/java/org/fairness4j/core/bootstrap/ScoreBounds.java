package org.fairness4j.core.bootstrap;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The closed-form score bounds behind {@link RateIntervals} and {@link ScoreIntervals}, from
 * (possibly effective) counts: Wilson for x/n, Miettinen–Nurminen for a difference (Newcombe's
 * hybrid score interval from clustered counts), Miettinen–Nurminen or MOVER for a ratio, and the
 * two-group gap and min/max ratio by inverting a test of |δ| ({@link ScasFoldedGap} for a gap from
 * counts, {@link FoldedInterval} otherwise). With clustered counts the normal quantile is Student's
 * t with (clusters − 1) degrees of freedom: the design effect is estimated from that many clusters.
 */
final class ScoreBounds {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  private ScoreBounds() {}

  /**
   * Wilson score bounds {lower, upper} of x/n for (possibly fractional, effective) counts. Plain
   * Wilson, not Brown, Cai and DasGupta's modification that {@link RateIntervals} reports for an
   * unclustered rate: its Poisson bounds are defined for integer counts x = 1..3 of a binomial,
   * which effective counts x/deff are not; and Newcombe and MOVER are built from Wilson's bounds as
   * they are (their coverage was measured with them).
   */
  static double[] wilson(RateCounts c, double confidence) {
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

  /** Newcombe bounds {lower, upper} of a.rate − b.rate. */
  static double[] newcombe(RateCounts a, RateCounts b, double confidence) {
    return newcombe(a, b, confidence, a.rate() - b.rate());
  }

  /** Newcombe bounds of a.rate − b.rate around {@code d}, the difference as the report has it. */
  static double[] newcombe(RateCounts a, RateCounts b, double confidence, double d) {
    double[] wa = wilson(a, confidence);
    double[] wb = wilson(b, confidence);
    double pa = a.rate();
    double pb = b.rate();
    return new double[] {
      d - Math.sqrt(sq(pa - wa[0]) + sq(wb[1] - pb)), d + Math.sqrt(sq(wa[1] - pa) + sq(pb - wb[0]))
    };
  }

  /**
   * Bounds {lower, upper} of a.rate − b.rate: Miettinen–Nurminen from the counts; from clustered
   * (effective) counts, Newcombe with Student's t.
   */
  static double[] difference(RateCounts a, RateCounts b, double confidence) {
    if (a.clustered() || b.clustered()) {
      return newcombe(a, b, confidence);
    }
    return MiettinenNurminen.difference(a.rawX(), a.rawN(), b.rawX(), b.rawN(), confidence);
  }

  /** The name of {@link #difference}'s construction, with a suffix ({@code -folded}, say). */
  static String differenceMethod(boolean clustered, String suffix) {
    return clustered ? "newcombe" + suffix + "-clustered" : "miettinen-nurminen" + suffix;
  }

  /**
   * {lower, upper, estimate} of |b − a|: from the counts, the skewness-corrected score test of |δ|
   * ({@link ScasFoldedGap}); from clustered (effective) counts, {@link #difference} inverted for
   * the absolute value ({@link FoldedInterval}).
   */
  static double[] gap(RateCounts a, RateCounts b, double confidence) {
    if (!a.clustered() && !b.clustered()) {
      double[] g = ScasFoldedGap.of(b.rawX(), b.rawN(), a.rawX(), a.rawN(), confidence);
      return new double[] {g[0], g[1], Math.abs(b.rate() - a.rate())};
    }
    double[] d = difference(b, a, confidence);
    // The normal quantile even with clusters: the inversion uses the normal distribution, so the
    // half-widths (made with Student's t) are read as normal ones and far from 0 it gives [L, U].
    double[] g = FoldedInterval.of(b.rate() - a.rate(), d[0], d[1], z(confidence), 1 - confidence);
    return new double[] {g[0], g[1], Math.abs(b.rate() - a.rate())};
  }

  /**
   * {lower, upper, estimate} of min(b/a, a/b) = exp(−|log(b/a)|): from counts, exp(−·) of {@link
   * ScasFoldedRatio}'s interval of |log(b/a)| (lower 0 where its upper end is +∞); from clustered
   * counts, the ratio interval of b/a inverted for |log| where its lower bound is positive (folded
   * at 1 otherwise); null when a count is 0 or no ratio interval applies.
   */
  static double[] minMaxRatio(RateCounts a, RateCounts b, double confidence) {
    if (!(a.rawX() > 0 && b.rawX() > 0)) {
      return null;
    }
    double est = Math.min(b.rate() / a.rate(), a.rate() / b.rate());
    if (!a.clustered() && !b.clustered()) {
      double[] t = ScasFoldedRatio.of(b.rawX(), b.rawN(), a.rawX(), a.rawN(), confidence);
      return new double[] {Math.exp(-t[1]), Math.exp(-t[0]), est};
    }
    double[] r = ratio(b, a, confidence);
    if (r == null) {
      return null;
    }
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

  /**
   * Bounds of a.rate / b.rate (b's count positive): the Miettinen–Nurminen score interval from the
   * counts ({@link MiettinenNurminen#ratio}); from clustered (effective) counts, with both rates
   * positive, MOVER on the log scale from the two clustered Wilson intervals (Zou and Donner 2008;
   * Katz on effective counts with Student's t covered up to 99 %), and with a's rate 0 the MOVER-R
   * interval of Donner and Zou (2012) from the two Wilson intervals; null where none applies.
   */
  static double[] ratio(RateCounts a, RateCounts b, double confidence) {
    if (b.rawX() == 0) {
      return null;
    }
    if (!a.clustered() && !b.clustered()) {
      return MiettinenNurminen.ratio(a.rawX(), a.rawN(), b.rawX(), b.rawN(), confidence);
    }
    double[] w1 = wilson(a, confidence);
    double[] w2 = wilson(b, confidence);
    return moverRatio(a.rate(), w1[0], w1[1], b.rate(), w2[0], w2[1]);
  }

  /**
   * Bounds {lower, upper} of θ₁/θ₀ from two independent intervals [l₁, u₁] ∋ θ₁ and [l₀, u₀] ∋ θ₀
   * (θ₀ &gt; 0): with θ₁ &gt; 0, MOVER on the log scale (Zou and Donner 2008), log θ₁ − log θ₀ ∓
   * √((log θ₁ − log l₁)² + (log u₀ − log θ₀)²) resp. √((log u₁ − log θ₁)² + (log θ₀ − log l₀)²),
   * exponentiated (a lower bound l = 0 gives 0 below, resp. +∞ above); with θ₁ = 0, the MOVER-R
   * interval of Donner and Zou (2012), [0, u₁ / √(l₀ (2θ₀ − l₀))]; null where θ₀ ≤ 0, or θ₁ = 0 and
   * l₀ = 0.
   */
  static double[] moverRatio(
      double theta1, double l1, double u1, double theta0, double l0, double u0) {
    if (!(theta0 > 0)) {
      return null;
    }
    if (theta1 > 0) {
      // MOVER on the log scale: defined whenever both values are positive, where MOVER-R's closed
      // form breaks down once an upper bound exceeds twice its value (common with few effective
      // counts).
      double g1 = Math.log(theta1);
      double g0 = Math.log(theta0);
      double lo = g1 - g0 - Math.sqrt(sq(g1 - Math.log(l1)) + sq(Math.log(u0) - g0));
      double hi = g1 - g0 + Math.sqrt(sq(Math.log(u1) - g1) + sq(g0 - Math.log(l0)));
      return new double[] {Math.exp(lo), Math.exp(hi)};
    }
    // MOVER-R with θ₁ = 0: lower bound 0.
    double den = l0 * (2 * theta0 - l0);
    if (den <= 0) {
      return null;
    }
    double disc = -u1 * l0 * (0 - u1) * (2 * theta0 - l0);
    return new double[] {0, Math.sqrt(Math.max(0, disc)) / den};
  }

  /** The name of {@link #ratio}'s construction for these counts. */
  static String ratioMethod(RateCounts a, RateCounts b) {
    if (a.clustered() || b.clustered()) {
      return (a.rawX() > 0 ? "mover-log-wilson" : "mover-wilson") + "-clustered";
    }
    return "miettinen-nurminen";
  }

  /** The normal quantile, or with clusters Student's t with df degrees of freedom. */
  static double z(double confidence, double df) {
    if (Double.isInfinite(df)) {
      return z(confidence);
    }
    return new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }

  /** The two-sided normal quantile of a confidence level. */
  static double z(double confidence) {
    return NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }

  private static double sq(double v) {
    return v * v;
  }
}
