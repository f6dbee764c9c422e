package org.fairness4j.core.metrics;

/**
 * How undefined metric values (a rate whose denominator is zero) are reported. Whatever the policy,
 * every substituted or undefined value keeps its {@link UndefinedReason}.
 */
public enum UndefinedPolicy {
  /**
   * The default: undefined values are NaN with a reason, and disparities leave their groups out,
   * naming them.
   */
  NAN,
  /**
   * Fairlearn/scikit-learn compatible ({@code zero_division=0}): an undefined rate counts as 0 and
   * takes part in min, max, difference and ratio. ROC AUC stays NaN (scikit-learn raises there) and
   * empty groups stay out of every disparity.
   */
  ZERO,
  /** Any undefined per-group or overall value throws an {@link ArithmeticException} naming it. */
  ERROR
}
