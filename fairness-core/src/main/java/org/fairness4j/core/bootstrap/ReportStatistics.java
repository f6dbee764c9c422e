package org.fairness4j.core.bootstrap;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fairness4j.core.Disparity;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValues;

/**
 * Flattens a report into named numbers: {@code overall/recall}, {@code by_group/F|[0,20)/recall},
 * {@code difference/between_groups/recall}, {@code ratio/to_overall/fpr}, {@code
 * fairness/equalized_odds_difference/between_groups/worst_case}. Counts are left out (fixed by the
 * resampling design), and so are ROC AUC and macro AUC unless asked for (they need the rows).
 */
final class ReportStatistics {
  private ReportStatistics() {}

  /**
   * The same numbers as {@link #of}, in the same order, for a report over the same groups (a group
   * empty in {@code r} gives NaN), without building names: the bootstrap's hot path.
   */
  static double[] values(GroupReport r, java.util.List<GroupKey> groups) {
    double[] out = new double[64];
    int n = 0;
    for (Metric m : r.metrics()) {
      if (m == Metric.COUNT || m == Metric.ROC_AUC || m == Metric.MACRO_ROC_AUC) {
        continue;
      }
      if (out.length < n + groups.size() + 5) {
        out = java.util.Arrays.copyOf(out, 2 * out.length + groups.size() + 5);
      }
      out[n++] = r.overall().value(m);
      for (GroupKey g : groups) {
        MetricValues v = r.byGroup().get(g);
        out[n++] = v == null ? Double.NaN : v.value(m);
      }
      for (DisparityMethod method :
          new DisparityMethod[] {DisparityMethod.BETWEEN_GROUPS, DisparityMethod.TO_OVERALL}) {
        out[n++] = r.difference(m, method).value();
        out[n++] = r.ratio(m, method).value();
      }
    }
    if (r.fairness() != null) {
      for (Disparity d : r.fairness().asMap().values()) {
        if (n == out.length) {
          out = java.util.Arrays.copyOf(out, 2 * out.length);
        }
        out[n++] = d.value();
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  static Map<String, Double> of(GroupReport r) {
    return of(r, false);
  }

  /**
   * The report's numbers by name; with {@code scores}, also the score-based ones (ROC AUC, macro
   * AUC), which only a row bootstrap can resample.
   */
  static Map<String, Double> of(GroupReport r, boolean scores) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Metric m : r.metrics()) {
      if (m == Metric.COUNT || (!scores && (m == Metric.ROC_AUC || m == Metric.MACRO_ROC_AUC))) {
        continue;
      }
      out.put("overall/" + m.key(), r.overall().value(m));
      for (Map.Entry<GroupKey, MetricValues> e : r.byGroup().entrySet()) {
        out.put("by_group/" + e.getKey() + "/" + m.key(), e.getValue().value(m));
      }
      for (DisparityMethod method :
          new DisparityMethod[] {DisparityMethod.BETWEEN_GROUPS, DisparityMethod.TO_OVERALL}) {
        out.put("difference/" + method.key() + "/" + m.key(), r.difference(m, method).value());
        out.put("ratio/" + method.key() + "/" + m.key(), r.ratio(m, method).value());
      }
    }
    if (r.fairness() != null) {
      for (Map.Entry<String, Disparity> e : r.fairness().asMap().entrySet()) {
        out.put("fairness/" + e.getKey(), e.getValue().value());
      }
    }
    return out;
  }
}
