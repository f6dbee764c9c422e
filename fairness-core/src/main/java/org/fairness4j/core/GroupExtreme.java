package org.fairness4j.core;

import java.util.List;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.UndefinedReason;

/**
 * The smallest or largest value of a metric over the groups, with the group that produced it (the
 * first in group order on ties) and the groups left out because their value is undefined.
 *
 * @param metric the metric
 * @param value the value, NaN when no group has a defined value
 * @param group the group that produced it, null when undefined
 * @param skipped non-empty groups whose value is undefined (left out)
 * @param reason null when defined, {@link UndefinedReason#NO_DEFINED_GROUPS} otherwise
 */
public record GroupExtreme(
    Metric metric, double value, GroupKey group, List<GroupKey> skipped, UndefinedReason reason) {
  /**
   * Creates an extreme.
   *
   * @param metric the metric
   * @param value the value
   * @param group the group, or null
   * @param skipped groups left out
   * @param reason why undefined, or null
   */
  public GroupExtreme {
    skipped = List.copyOf(skipped);
  }

  /**
   * Returns whether the value is defined.
   *
   * @return true if some group had a defined value
   */
  public boolean isDefined() {
    return reason == null;
  }
}
