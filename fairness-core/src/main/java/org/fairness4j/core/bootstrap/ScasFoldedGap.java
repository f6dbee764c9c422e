package org.fairness4j.core.bootstrap;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The interval of a two-group gap θ = |p1 − p2| from the counts (no clusters), by inverting a test
 * of θ built on the Miettinen–Nurminen score with the Gart–Nam skewness correction (the SCAS
 * interval of Laud 2017, "Equal-tailed confidence intervals for comparison of rates",
 * Pharmaceutical Statistics 16:334–348).
 *
 * <p>Under δ = p1 − p2 = ±θ the difference d′ of the observed rates has variance V (Miettinen and
 * Nurminen's, at the rates of maximum likelihood under that δ, with N/(N − 1)) and third moment μ3
 * = q1(1 − q1)(1 − 2q1)/n1² − q2(1 − q2)(1 − 2q2)/n2² at those rates; P(d′ ≤ x) is taken as Φ(w −
 * (γ/6)(w² − 1)) with w = (x − δ)/√V and γ = μ3/V^1.5 (w clipped to [−3, 3] inside the correction,
 * where the quadratic would turn back). The split of α between the tails of |d′| is {@link
 * FoldedInterval}'s: g(θ) = 0 up to θ = zσ, 1 from 2zσ. θ is accepted when
 *
 * <ul>
 *   <li>A: |d| is not too large, P(|d′| ≤ |d|) ≤ 1 − α + (α/2)g(θ), at the hypothesis on d's side
 *       (δ = θ·sign d), and
 *   <li>B: |d| is not too small, P(|d′| ≤ |d|) ≥ (α/2)g(θ), at δ = +θ <em>or</em> at δ = −θ.
 * </ul>
 *
 * <p>Testing "too small" at either sign is what removes the under-coverage with unequal groups: a
 * table whose d came out with the wrong sign was tested against the other sign's hypothesis, whose
 * smaller variance rejected it. The reported interval is the hull of the accepted set: A's rejected
 * θ form one run, which at small counts can leave a sliver [0, ε] accepted below it (30 of 35,501
 * tables checked); the hull then starts at 0. Exact coverage and the checks of these shapes: {@code
 * tools/folded_gap_exact_coverage.py} (docs/coverage-study.md, "Session 9 (h22f)").
 */
final class ScasFoldedGap {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  private ScasFoldedGap() {}

  /**
   * The bounds {lower, upper} of |x1/n1 − x2/n2|.
   *
   * @param x1 successes of group 1
   * @param n1 trials of group 1 (positive)
   * @param x2 successes of group 2
   * @param n2 trials of group 2 (positive)
   * @param confidence the level, in (0, 1)
   * @return the hull of the accepted θ, within [0, 1]; it contains |d|
   */
  static double[] of(double x1, double n1, double x2, double n2, double confidence) {
    Test test = new Test(x1, n1, x2, n2, 1 - confidence);
    return FoldedScoreTest.hull(test, test.t, 1, 1);
  }

  /** Whether θ is accepted (conditions A and B); the hull of these θ is {@link #of}. */
  static boolean accepts(
      double x1, double n1, double x2, double n2, double confidence, double theta) {
    return new Test(x1, n1, x2, n2, 1 - confidence).accepts(theta);
  }

  /** The two conditions for one table. */
  private static final class Test implements FoldedScoreTest {
    private final double x1;
    private final double n1;
    private final double x2;
    private final double n2;
    private final double alpha;
    private final double z;
    private final double t;
    private final double side;

    Test(double x1, double n1, double x2, double n2, double alpha) {
      this.x1 = x1;
      this.n1 = n1;
      this.x2 = x2;
      this.n2 = n2;
      this.alpha = alpha;
      this.z = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
      double d = x1 / n1 - x2 / n2;
      this.t = Math.abs(d);
      this.side = d >= 0 ? 1 : -1;
    }

    /** Condition A at θ: the hypothesis on d's side does not find |d| too large. */
    @Override
    public boolean notTooLarge(double theta) {
      double[] c = cdf(side * theta, theta);
      return c == null ? exact(theta) : c[0] <= 1 - alpha + alpha / 2 * c[1];
    }

    /** Condition B at θ: δ = +θ or δ = −θ does not find |d| too small. */
    @Override
    public boolean notTooSmall(double theta) {
      for (double sign : new double[] {1, -1}) {
        double[] c = cdf(sign * theta, theta);
        if (c == null ? exact(theta) : c[0] >= alpha / 2 * c[1]) {
          return true;
        }
      }
      return false;
    }

    private boolean exact(double theta) {
      return Math.abs(t - theta) < 1e-12;
    }

    /**
     * {P(|d′| ≤ |d|), g(θ)} under δ (clipped to [−1, 1]), or null where the variance is 0 (both
     * rates 0 or 1 under δ).
     */
    private double[] cdf(double delta, double theta) {
      delta = Math.max(-1, Math.min(1, delta));
      double q2 = MiettinenNurminen.restricted(x1, n1, x2, n2, delta);
      double q1 = Math.min(1, Math.max(0, q2 + delta));
      double n = n1 + n2;
      double v = (q1 * (1 - q1) / n1 + q2 * (1 - q2) / n2) * n / (n - 1);
      if (!(v > 0)) {
        return null;
      }
      double mu3 =
          q1 * (1 - q1) * (1 - 2 * q1) / (n1 * n1) - q2 * (1 - q2) * (1 - 2 * q2) / (n2 * n2);
      double sigma = Math.sqrt(v);
      double gamma = mu3 / (sigma * sigma * sigma);
      double p = phi((t - delta) / sigma, gamma) - phi((-t - delta) / sigma, gamma);
      double g = Math.max(0, Math.min(1, (theta / sigma - z) / z));
      return new double[] {p, g};
    }

    private static double phi(double w, double gamma) {
      double c = Math.max(-3, Math.min(3, w));
      return NORMAL.cumulativeProbability(w - gamma / 6 * (c * c - 1));
    }
  }
}
