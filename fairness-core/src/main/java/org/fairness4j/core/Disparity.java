package org.fairness4j.core;

import java.util.List;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.UndefinedReason;

/**
 * One disparity: a difference or a ratio of a metric between groups, or a named fairness metric
 * built from them. It names the groups that produced it and the groups it left out.
 *
 * @param name what was compared, e.g. {@code recall} or {@code equalized_odds_difference}
 * @param method how groups were compared
 * @param value the value; NaN when undefined
 * @param reason null when defined, otherwise why not
 * @param groups the groups that produced the value (e.g. the min and max group; for {@code
 *     TO_OVERALL} and {@code TO_REFERENCE} the most distant group)
 * @param skipped non-empty groups left out because their value is undefined
 */
public record Disparity(
    String name,
    DisparityMethod method,
    double value,
    UndefinedReason reason,
    List<GroupKey> groups,
    List<GroupKey> skipped) {
  /**
   * Creates a disparity.
   *
   * @param name what was compared
   * @param method how
   * @param value the value
   * @param reason why undefined, or null
   * @param groups the groups that produced it
   * @param skipped the groups left out
   */
  public Disparity {
    groups = List.copyOf(groups);
    skipped = List.copyOf(skipped);
  }

  static Disparity undefined(
      String name, DisparityMethod method, UndefinedReason reason, List<GroupKey> skipped) {
    return new Disparity(name, method, Double.NaN, reason, List.of(), skipped);
  }

  /**
   * Returns whether the value is defined.
   *
   * @return true if defined
   */
  public boolean isDefined() {
    return reason == null;
  }
}
