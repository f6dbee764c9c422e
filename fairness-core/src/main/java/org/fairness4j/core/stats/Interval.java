package org.fairness4j.core.stats;

/**
 * A confidence interval around an estimate.
 *
 * @param estimate the point estimate
 * @param lower lower bound
 * @param upper upper bound
 * @param confidence the confidence level, e.g. 0.95
 * @param method how it was computed, e.g. {@code wilson}
 */
public record Interval(
    double estimate, double lower, double upper, double confidence, String method) {
  /**
   * Returns whether a value lies within the bounds (inclusive).
   *
   * @param value a value
   * @return true if {@code lower <= value <= upper}
   */
  public boolean contains(double value) {
    return value >= lower && value <= upper;
  }

  /**
   * Returns the width.
   *
   * @return {@code upper - lower}
   */
  public double width() {
    return upper - lower;
  }
}
