package org.fairness4j.core.bootstrap;

/**
 * The two conditions of a folded score test of θ ≥ 0 for one table ({@link ScasFoldedGap}, {@link
 * ScasFoldedRatio}): A, the estimate t is not too large for θ, and B, it is not too small; θ is
 * accepted when both hold.
 */
interface FoldedScoreTest {
  /** Condition A at θ. */
  boolean notTooLarge(double theta);

  /** Condition B at θ. */
  boolean notTooSmall(double theta);

  /** Whether θ is accepted (A and B). */
  default boolean accepts(double theta) {
    return notTooLarge(theta) && notTooSmall(theta);
  }

  /**
   * The hull of the accepted θ, for accepted sets whose A-rejected θ below t form one run and whose
   * B-accepted θ above t form one run from t: lower = 0 where A holds at 0, else A's crossing in
   * [0, t]; upper = B's crossing in [t, end], or {@code ifAcceptedAtEnd} where B holds at end (60
   * halvings each).
   *
   * @return {lower, upper}, upper at least lower
   */
  static double[] hull(FoldedScoreTest test, double t, double end, double ifAcceptedAtEnd) {
    double lower = 0;
    if (!test.notTooLarge(0)) {
      double[] e = Bisection.edge(t, 0, test::notTooLarge, 0, 60);
      lower = (e[0] + e[1]) / 2;
    }
    double upper = ifAcceptedAtEnd;
    if (!test.notTooSmall(end)) {
      double[] e = Bisection.edge(t, end, test::notTooSmall, 0, 60);
      upper = (e[0] + e[1]) / 2;
    }
    return new double[] {lower, Math.max(lower, upper)};
  }
}
