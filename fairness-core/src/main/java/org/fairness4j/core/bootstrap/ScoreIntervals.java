package org.fairness4j.core.bootstrap;

import java.util.Optional;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.Interval;

/**
 * The score intervals of rates x/n and of two groups' gaps and min/max ratios, as {@link
 * GroupBootstrap} reports them (one implementation, also used by the policy check's analytic
 * intervals): a two-group gap |p1 − p2| inverts a test of |δ| on the Miettinen–Nurminen interval, a
 * min/max ratio inverts one of |log r| on the Miettinen–Nurminen ratio interval (Katz's log
 * interval before session 8), never folding them at 0 or 1 (which covered up to 99 % at 95 %; see
 * docs/statistics.md).
 */
public final class ScoreIntervals {
  private ScoreIntervals() {}

  /**
   * Returns whether a metric is a rate x/n of a binary report's confusion counts (selection rate,
   * base rate, accuracy, error rate, TPR, FPR, TNR, FNR, precision, NPV, FDR, FOR).
   *
   * @param metric a metric
   * @return whether it has score intervals
   */
  public static boolean isRate(Metric metric) {
    return Rate.of(metric) != null;
  }

  /**
   * Returns a rate's successes and trials from a binary report's confusion counts.
   *
   * @param metric a rate ({@link #isRate})
   * @param tp true positives
   * @param fn false negatives
   * @param fp false positives
   * @param tn true negatives
   * @return {x, n}
   * @throws IllegalArgumentException when the metric is not a rate
   */
  public static long[] counts(Metric metric, long tp, long fn, long fp, long tn) {
    Rate r = Rate.of(metric);
    if (r == null) {
      throw new IllegalArgumentException("not a rate x/n: " + metric.key());
    }
    return r.count(new long[] {tp, fn, fp, tn});
  }

  /**
   * Returns the interval of the absolute gap |x1/n1 − x2/n2| (method {@code
   * miettinen-nurminen-folded}): the hull of the gaps accepted by the skewness-corrected
   * Miettinen–Nurminen score test at δ = ±θ (Laud 2017's SCAS; docs/statistics.md, "Two-group
   * gaps").
   *
   * @param x1 successes of group 1
   * @param n1 trials of group 1 (positive)
   * @param x2 successes of group 2
   * @param n2 trials of group 2 (positive)
   * @param confidence the level, in (0, 1)
   * @return the interval, whose estimate is the gap
   * @throws IllegalArgumentException for counts outside 0 ≤ x ≤ n, n &gt; 0, or a bad level
   */
  public static Interval absoluteDifference(long x1, long n1, long x2, long n2, double confidence) {
    check(x1, n1, x2, n2, confidence);
    double[] g = ScoreBounds.gap(RateCounts.of(x2, n2), RateCounts.of(x1, n1), confidence);
    return new Interval(
        g[2], g[0], g[1], confidence, ScoreBounds.differenceMethod(false, "-folded"));
  }

  /**
   * Returns the interval of min(r, 1/r) for r = (x1/n1)/(x2/n2) (method {@code
   * miettinen-nurminen-folded}): exp(−θ) over the hull of the θ = |log r| accepted by the
   * skewness-corrected Miettinen–Nurminen score test of θ, conditioned on both counts positive
   * (lower bound 0 where no θ is too large), or empty where a rate is 0 (no ratio interval).
   *
   * @param x1 successes of group 1
   * @param n1 trials of group 1 (positive)
   * @param x2 successes of group 2
   * @param n2 trials of group 2 (positive)
   * @param confidence the level, in (0, 1)
   * @return the interval, whose estimate is min(r, 1/r), or empty
   * @throws IllegalArgumentException for counts outside 0 ≤ x ≤ n, n &gt; 0, or a bad level
   */
  public static Optional<Interval> minMaxRatio(
      long x1, long n1, long x2, long n2, double confidence) {
    check(x1, n1, x2, n2, confidence);
    double[] r = ScoreBounds.minMaxRatio(RateCounts.of(x2, n2), RateCounts.of(x1, n1), confidence);
    return r == null
        ? Optional.empty()
        : Optional.of(new Interval(r[2], r[0], r[1], confidence, "miettinen-nurminen-folded"));
  }

  private static void check(long x1, long n1, long x2, long n2, double confidence) {
    if (n1 <= 0 || n2 <= 0 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) {
      throw new IllegalArgumentException(
          "counts need 0 <= x <= n and n > 0: " + x1 + "/" + n1 + ", " + x2 + "/" + n2);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
    }
  }
}
