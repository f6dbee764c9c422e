package org.fairness4j.core.bootstrap;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportNumbers;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;

/**
 * The numbers of a report the bootstrap resamples, by identity ({@link ReportNumbers}, the one
 * flattener): every metric but the counts (fixed by the resampling design), and ROC AUC and macro
 * AUC only when asked for (they need the rows).
 */
final class ReportStatistics {
  private ReportStatistics() {}

  private static Predicate<Metric> include(boolean scores) {
    return m -> m != Metric.COUNT && (scores || (m != Metric.ROC_AUC && m != Metric.MACRO_ROC_AUC));
  }

  /**
   * The same numbers as {@link #of}, in the same order, for a report over the same groups (a group
   * empty in {@code r} gives NaN), without building names: the bootstrap's hot path.
   */
  static double[] values(GroupReport r, List<GroupKey> groups, GroupKey reference) {
    return ReportNumbers.values(r, groups, reference, include(false));
  }

  /**
   * The report's numbers (with the report's own reference group, if any); with {@code scores}, also
   * the score-based ones (ROC AUC, macro AUC), which only a row bootstrap can resample.
   */
  static Map<ReportStatisticId, Double> of(GroupReport r, boolean scores) {
    return of(r, List.copyOf(r.byGroup().keySet()), r.reference().orElse(null), scores);
  }

  /** The numbers of a report over the given groups, against a reference (or null). */
  static Map<ReportStatisticId, Double> of(
      GroupReport r, List<GroupKey> groups, GroupKey reference, boolean scores) {
    return ReportNumbers.of(r, groups, reference, include(scores));
  }
}
