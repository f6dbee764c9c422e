package org.fairness4j.core.bootstrap;

import java.util.function.DoublePredicate;

/** Bisection for the edge of an accepted set: the score-interval bounds of this package. */
final class Bisection {
  private Bisection() {}

  /**
   * Narrows {@code [inside, outside]}, whose {@code inside} end is accepted and {@code outside} end
   * is not, by halving at most {@code halvings} times or until the ends are at most {@code
   * tolerance} apart, keeping an accepted and a rejected end.
   *
   * @param inside an accepted point
   * @param outside a rejected point (either side of {@code inside})
   * @param accepted the test
   * @param tolerance the width at which to stop (0: only the count stops)
   * @param halvings the most halvings
   * @return {inside, outside} at the end
   */
  static double[] edge(
      double inside, double outside, DoublePredicate accepted, double tolerance, int halvings) {
    for (int i = 0; i < halvings && Math.abs(outside - inside) > tolerance; i++) {
      double mid = (inside + outside) / 2;
      if (accepted.test(mid)) {
        inside = mid;
      } else {
        outside = mid;
      }
    }
    return new double[] {inside, outside};
  }
}
