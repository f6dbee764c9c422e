package org.fairness4j.core.bootstrap;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The interval of θ = |log(p1/p2)| from the counts (no clusters, both counts positive), by
 * inverting a skewness-corrected Miettinen–Nurminen score test of θ; its min / max ratio exp(−θ) =
 * min(p1/p2, p2/p1) is what {@link ScoreBounds#minMaxRatio} reports. The ratio's analogue of {@link
 * ScasFoldedGap}.
 *
 * <p>Under φ = p1/p2 = e^{±θ} the rates (q1, q2) are the maximum-likelihood ones with q1 = φ·q2
 * (the quadratic of Miettinen and Nurminen's ratio score). |log r′| ≤ t exactly when p1′ − e^{t}p2′
 * ≤ 0 and not p1′ − e^{−t}p2′ &lt; 0; each contrast C = p1′ − c·p2′ has mean q1 − c·q2, variance
 * (q1(1 − q1)/n1 + c²q2(1 − q2)/n2)·N/(N − 1) and third moment q1(1 − q1)(1 − 2q1)/n1² − c³q2(1 −
 * q2)(1 − 2q2)/n2², and P(C ≤ 0) is taken as Φ(w − (γ/6)(w² − 1)) with w = −mean/√V and γ the
 * skewness (w clipped to [−3, 3] inside the correction), as for the gap, but γ clipped to [−1, 1],
 * which keeps the corrected w increasing in w: under a hypothesis far on the other side of r̂ a
 * rate is tiny, γ reaches 30 and more, and the unclipped correction turned P from 0 to 1 and back
 * (an accepted set in pieces). That normal model counts the tables with a zero count (no ratio, no
 * score interval) as |log r′| beyond t; the test is of tables with both counts positive, so P is
 * conditioned on them, taking the zero counts' mass z_i = (1 − q_i)^{n_i} out: P_c = (P − z1z2)/((1
 * − z1)(1 − z2)). The normal model is poor where an expected count is near 1, so the conditioned
 * value is phased in, P + w(P_c − P) with w = min(1, max(0, min(n1q1, n2q2) − 1)). Without the
 * conditioning the test over-covers near θ = 0 (0.98–0.999 at expected counts 5–10), with it alone
 * it under-covers where an expected count is about 1 (docs/coverage-study.md, "Session 10 (h22m)").
 * The split of α between the tails of |log r′| is {@link FoldedInterval}'s, g(θ) = 0 up to θ = zσ
 * and 1 from 2zσ, with σ the delta-method standard deviation √(1/x1 − 1/n1 + 1/x2 − 1/n2) of log r̂
 * at the observed rates (1 where it is 0). (At the restricted rates it would grow without bound as
 * θ grows, g would fall back to 0, and "too small" would never reject.) θ is accepted when
 *
 * <ul>
 *   <li>A: |log r̂| is not too large, P(|log r′| ≤ t) ≤ 1 − α + (α/2)g(θ), at the hypothesis on
 *       r̂'s side (φ = e^{θ·sign log r̂}), and
 *   <li>B: |log r̂| is not too small, P(|log r′| ≤ t) ≥ (α/2)g(θ), at φ = e^{θ} <em>or</em> e^{−θ}.
 * </ul>
 *
 * <p>The reported interval is the hull of the accepted set: lower = 0 where A holds at 0, else A's
 * crossing in [0, t]; upper = B's crossing in [t, t + 30], +∞ where B holds at t + 30. Exact
 * coverage and checks of the shape: {@code tools/minmax_ratio_exact_coverage.py}.
 */
final class ScasFoldedRatio {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  /** How far above t the upper end is searched; beyond it the upper end is +∞. */
  static final double SPAN = 30;

  private ScasFoldedRatio() {}

  /**
   * The bounds {lower, upper} of |log((x1/n1)/(x2/n2))|.
   *
   * @param x1 successes of group 1 (positive)
   * @param n1 trials of group 1
   * @param x2 successes of group 2 (positive)
   * @param n2 trials of group 2
   * @param confidence the level, in (0, 1)
   * @return the hull of the accepted θ: lower in [0, t], upper ≥ t (+∞ where no θ is too large)
   * @throws IllegalArgumentException where a count is not positive or exceeds its trials
   */
  static double[] of(double x1, double n1, double x2, double n2, double confidence) {
    Test test = new Test(x1, n1, x2, n2, 1 - confidence);
    return FoldedScoreTest.hull(test, test.t, test.t + SPAN, Double.POSITIVE_INFINITY);
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
    private final double sigma;

    Test(double x1, double n1, double x2, double n2, double alpha) {
      if (!(x1 > 0 && x1 <= n1 && x2 > 0 && x2 <= n2)) {
        throw new IllegalArgumentException(
            "counts must be positive and at most their trials: "
                + x1
                + "/"
                + n1
                + ", "
                + x2
                + "/"
                + n2);
      }
      this.x1 = x1;
      this.n1 = n1;
      this.x2 = x2;
      this.n2 = n2;
      this.alpha = alpha;
      this.z = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
      double g = Math.log((x1 / n1) / (x2 / n2));
      this.t = Math.abs(g);
      this.side = g >= 0 ? 1 : -1;
      double s = Math.sqrt(Math.max(0, 1 / x1 - 1 / n1 + 1 / x2 - 1 / n2));
      this.sigma = s > 0 ? s : 1;
    }

    /** Condition A at θ: the hypothesis on r̂'s side does not find |log r̂| too large. */
    @Override
    public boolean notTooLarge(double theta) {
      double[] c = cdf(side * theta, theta);
      return c[0] <= 1 - alpha + alpha / 2 * c[1];
    }

    /** Condition B at θ: φ = e^{θ} or e^{−θ} does not find |log r̂| too small. */
    @Override
    public boolean notTooSmall(double theta) {
      for (double sign : new double[] {1, -1}) {
        double[] c = cdf(sign * theta, theta);
        if (c[0] >= alpha / 2 * c[1]) {
          return true;
        }
      }
      return false;
    }

    /** {P(|log r′| ≤ t | both counts positive), g(θ)} under φ = e^{logPhi}. */
    private double[] cdf(double logPhi, double theta) {
      double phi = Math.exp(logPhi);
      double q2 = restricted(phi);
      double q1 = Math.min(1, Math.max(0, phi * q2));
      double p = below(q1, q2, Math.exp(t)) - below(q1, q2, Math.exp(-t));
      double w = Math.min(1, Math.max(0, Math.min(n1 * q1, n2 * q2) - 1));
      if (w > 0) {
        double z1 = Math.pow(1 - q1, n1);
        double z2 = Math.pow(1 - q2, n2);
        double conditioned = clip((p - z1 * z2) / ((1 - z1) * (1 - z2)));
        p += w * (conditioned - p);
      }
      double g = clip((theta / sigma - z) / z);
      return new double[] {clip(p), g};
    }

    /** The restricted p2 (p1 = φ·p2): the smaller root of Miettinen and Nurminen's quadratic. */
    private double restricted(double phi) {
      double n = n1 + n2;
      double a = n * phi;
      double b = -(n1 * phi + x1 + n2 + x2 * phi);
      double c = x1 + x2;
      // 2c / (−b + √disc): the smaller root without cancellation.
      double root = 2 * c / (-b + Math.sqrt(Math.max(0, b * b - 4 * a * c)));
      return Math.min(1, Math.max(0, root));
    }

    /** P(p1′ − c·p2′ ≤ 0) at rates (q1, q2), skew-corrected normal. */
    private double below(double q1, double q2, double c) {
      double n = n1 + n2;
      double m = q1 - c * q2;
      double v = (q1 * (1 - q1) / n1 + c * c * q2 * (1 - q2) / n2) * n / (n - 1);
      if (!(v > 0)) {
        return m <= 0 ? 1 : 0;
      }
      double mu3 =
          q1 * (1 - q1) * (1 - 2 * q1) / (n1 * n1)
              - c * c * c * q2 * (1 - q2) * (1 - 2 * q2) / (n2 * n2);
      double sd = Math.sqrt(v);
      double w = -m / sd;
      double gamma = Math.max(-1, Math.min(1, mu3 / (v * sd)));
      double wc = Math.max(-3, Math.min(3, w));
      return NORMAL.cumulativeProbability(w - gamma / 6 * (wc * wc - 1));
    }

    private static double clip(double v) {
      return Math.max(0, Math.min(1, v));
    }
  }
}
