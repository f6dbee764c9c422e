package org.fairness4j.core.policy;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a rule decides from an estimate and its interval. For a bound "at most t" with one-sided
 * confidence bounds L and U at the rule's confidence c:
 *
 * <ul>
 *   <li>{@link #POINT}: passes when the estimate is at most t (flips on noise near t);
 *   <li>{@link #CONFIDENT}: passes only when U is at most t — the data show, at confidence c, that
 *       the rule holds (a small group never passes by luck);
 *   <li>{@link #NOT_CONFIDENTLY_VIOLATED}: fails only when L exceeds t — the data show, at
 *       confidence c, that the rule is broken (false alarms at most 1 − c when the rule holds).
 * </ul>
 *
 * "At least t" is the mirror image.
 */
public enum DecisionMode {
  /** Decide on the point estimate. */
  POINT("point"),
  /** Pass only when the interval's bound satisfies the rule. */
  CONFIDENT("confident"),
  /** Fail only when the interval's bound violates the rule. */
  NOT_CONFIDENTLY_VIOLATED("not-confidently-violated");

  private final String key;

  DecisionMode(String key) {
    this.key = key;
  }

  /**
   * Returns the policy-file name, e.g. {@code not-confidently-violated}.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Returns the mode of a policy-file name.
   *
   * @param key e.g. {@code confident}
   * @return the mode
   * @throws IllegalArgumentException listing the known names
   */
  public static DecisionMode fromKey(String key) {
    for (DecisionMode m : values()) {
      if (m.key.equals(key.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown decision mode '"
            + key
            + "' (known: "
            + String.join(", ", Arrays.stream(values()).map(DecisionMode::key).toList())
            + ")");
  }
}
