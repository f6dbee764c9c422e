package org.fairness4j.core.bootstrap;

/**
 * The Miettinen–Nurminen score intervals of a difference p1 − p2 and of a ratio p1 / p2 of two
 * independent proportions (Miettinen and Nurminen 1985, Statistics in Medicine 4:213–226). For the
 * difference: the δ for which the score statistic (p̂1 − p̂2 − δ)² / V(δ) stays below the χ²₁
 * quantile, where V(δ) = (p̃1(1 − p̃1)/n1 + p̃2(1 − p̃2)/n2) · N/(N − 1) is taken at the
 * maximum-likelihood rates p̃1 − p̃2 = δ (the root of their cubic, appendix of the paper) and N =
 * n1 + n2. Defined at zero counts (0/n gives a finite interval, never a point).
 *
 * <p>For the ratio: the φ for which (p̂1 − φ·p̂2)² / V(φ) stays below the quantile, V(φ) = (p̃1(1 −
 * p̃1)/n1 + φ²·p̃2(1 − p̃2)/n2) · N/(N − 1) at the maximum-likelihood rates p̃1 = φ·p̃2 (the
 * smaller root of their quadratic). Defined when x2 &gt; 0; x1 = 0 gives a lower bound of 0.
 *
 * <p>At expected counts of 1–5 on the rarer side they cover 0.93–0.98 at 95 % where Newcombe's
 * hybrid score interval covered 0.96–0.99 and Katz's log interval up to 1.00 (exact coverage,
 * {@code tools/two_group_exact_coverage.py}; docs/statistics.md).
 */
final class MiettinenNurminen {
  private MiettinenNurminen() {}

  /**
   * The bounds {lower, upper} of p1 − p2.
   *
   * @param x1 successes of group 1
   * @param n1 trials of group 1 (positive)
   * @param x2 successes of group 2
   * @param n2 trials of group 2 (positive)
   * @param confidence the two-sided level
   * @return the bounds, within [−1, 1]
   */
  static double[] difference(double x1, double n1, double x2, double n2, double confidence) {
    double z = ScoreBounds.z(confidence);
    double chi2 = z * z;
    double d = x1 / n1 - x2 / n2;
    return new double[] {bound(x1, n1, x2, n2, chi2, d, -1), bound(x1, n1, x2, n2, chi2, d, 1)};
  }

  /** The bound between the estimate d and the end (−1 or 1) where the statistic reaches chi2. */
  private static double bound(
      double x1, double n1, double x2, double n2, double chi2, double d, double end) {
    if (d == end) {
      return end;
    }
    // The statistic is 0 at d and grows toward the end (infinite there): bisect its crossing.
    return Bisection.edge(d, end, m -> statistic(x1, n1, x2, n2, m) <= chi2, 1e-15, 200)[0];
  }

  /**
   * The bounds {lower, upper} of p1 / p2.
   *
   * @param x1 successes of group 1
   * @param n1 trials of group 1 (positive)
   * @param x2 successes of group 2 (positive)
   * @param n2 trials of group 2 (positive)
   * @param confidence the two-sided level
   * @return the bounds (lower 0 when x1 is 0)
   */
  static double[] ratio(double x1, double n1, double x2, double n2, double confidence) {
    double z = ScoreBounds.z(confidence);
    double chi2 = z * z;
    // On the log scale; with x1 = 0 the estimate is 0 and the search starts from a tiny ratio.
    double start = Math.log(Math.max((x1 / n1) / (x2 / n2), 1e-300));
    double lower = x1 == 0 ? 0 : ratioBound(x1, n1, x2, n2, chi2, start, -1);
    return new double[] {lower, ratioBound(x1, n1, x2, n2, chi2, start, 1)};
  }

  /** The bound of log φ on one side (direction ±1) of the estimate, as a ratio. */
  private static double ratioBound(
      double x1, double n1, double x2, double n2, double chi2, double start, int direction) {
    double inside = start;
    double step = 1;
    double outside = start + direction * step;
    while (ratioStatistic(x1, n1, x2, n2, Math.exp(outside)) <= chi2) {
      inside = outside;
      step *= 2;
      if (step > 2048) {
        return direction < 0 ? 0 : Double.POSITIVE_INFINITY;
      }
      outside = start + direction * step;
    }
    return Math.exp(
        Bisection.edge(
            inside, outside, m -> ratioStatistic(x1, n1, x2, n2, Math.exp(m)) <= chi2, 1e-14, 200)[
            0]);
  }

  /**
   * The score statistic (p̂1 − φ·p̂2)² / V(φ) with the Miettinen–Nurminen variance.
   *
   * @return the statistic; +∞ where V(φ) is 0 and p̂1 is not φ·p̂2
   */
  static double ratioStatistic(double x1, double n1, double x2, double n2, double phi) {
    double n = n1 + n2;
    double a = n * phi;
    double b = -(n1 * phi + x1 + n2 + x2 * phi);
    double c = x1 + x2;
    double p2 =
        Math.min(1, Math.max(0, (-b - Math.sqrt(Math.max(0, b * b - 4 * a * c))) / (2 * a)));
    double p1 = Math.min(1, Math.max(0, phi * p2));
    double variance = (p1 * (1 - p1) / n1 + phi * phi * p2 * (1 - p2) / n2) * n / (n - 1);
    double diff = x1 / n1 - phi * x2 / n2;
    if (variance <= 0) {
      return Math.abs(diff) < 1e-12 ? 0 : Double.POSITIVE_INFINITY;
    }
    return diff * diff / variance;
  }

  /**
   * The score statistic (p̂1 − p̂2 − δ)² / V(δ) with the Miettinen–Nurminen variance.
   *
   * @return the statistic; +∞ where V(δ) is 0 and the difference is not δ
   */
  static double statistic(double x1, double n1, double x2, double n2, double delta) {
    double p2 = restricted(x1, n1, x2, n2, delta);
    double p1 = Math.min(1, Math.max(0, p2 + delta));
    double n = n1 + n2;
    double variance = (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2) * n / (n - 1);
    double diff = x1 / n1 - x2 / n2 - delta;
    if (variance <= 0) {
      return Math.abs(diff) < 1e-12 ? 0 : Double.POSITIVE_INFINITY;
    }
    return diff * diff / variance;
  }

  /**
   * The maximum-likelihood p2 (group 2's rate) under p1 − p2 = δ: the root of the cubic of
   * Miettinen and Nurminen's appendix, in its trigonometric form.
   */
  static double restricted(double x1, double n1, double x2, double n2, double delta) {
    double n = n1 + n2;
    double c = x1 + x2;
    double l3 = n;
    double l2 = (n1 + 2 * n2) * delta - n - c;
    double l1 = (n2 * delta - n - 2 * x2) * delta + c;
    double l0 = x2 * delta * (1 - delta);
    double b = l2 / (3 * l3);
    double q = b * b * b - l1 * l2 / (6 * l3 * l3) + l0 / (2 * l3);
    double p = Math.signum(q) * Math.sqrt(Math.max(0, b * b - l1 / (3 * l3)));
    double r = p == 0 ? 0 : Math.max(-1, Math.min(1, q / (p * p * p)));
    double a = (Math.PI + Math.acos(r)) / 3;
    double p2 = 2 * p * Math.cos(a) - b;
    return Math.min(1, Math.max(0, p2));
  }
}
