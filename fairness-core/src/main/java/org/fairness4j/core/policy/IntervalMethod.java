package org.fairness4j.core.policy;

import java.util.Arrays;
import java.util.Locale;

/** Where the confidence bounds of a non-{@link DecisionMode#POINT} rule come from. */
public enum IntervalMethod {
  /**
   * Percentile bootstrap of the statistic itself ({@link
   * org.fairness4j.core.bootstrap.GroupBootstrap}), with the policy's resamples and seed.
   */
  BOOTSTRAP("bootstrap"),
  /**
   * Score intervals from the groups' counts ({@link org.fairness4j.core.stats.ProportionIntervals}:
   * Newcombe for differences, Katz for ratios, Wilson for single groups), made simultaneous over
   * the compared pairs by Bonferroni. Only for rates of unweighted tables compared between groups
   * (or a group against overall for {@code below-overall}).
   */
  ANALYTIC("analytic");

  private final String key;

  IntervalMethod(String key) {
    this.key = key;
  }

  /**
   * Returns the policy-file name.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Returns the method of a policy-file name.
   *
   * @param key {@code bootstrap} or {@code analytic}
   * @return the method
   * @throws IllegalArgumentException listing the known names
   */
  public static IntervalMethod fromKey(String key) {
    for (IntervalMethod m : values()) {
      if (m.key.equals(key.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown interval method '"
            + key
            + "' (known: "
            + String.join(", ", Arrays.stream(values()).map(IntervalMethod::key).toList())
            + ")");
  }
}
