package org.fairness4j.core.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.fairness4j.core.Disparity;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValues;

/**
 * Flattens a report into named numbers (one flattener: the names are {@link ReportStatisticId}
 * keys, and the hot path that computes values only walks the same loop without building them):
 * {@code overall/recall}, {@code by_group/F|[0,20)/recall}, {@code
 * difference/between_groups/recall}, {@code ratio/to_overall/fpr}, with a reference group {@code
 * difference/to_reference/M/recall} and {@code ratio/to_reference/M/recall} (group M against the
 * reference, signed), and {@code fairness/equalized_odds_difference/between_groups/worst_case}.
 * Counts are left out (fixed by the resampling design), and so are ROC AUC and macro AUC unless
 * asked for (they need the rows).
 */
final class ReportStatistics {
  private static final DisparityMethod[] METHODS = {
    DisparityMethod.BETWEEN_GROUPS, DisparityMethod.TO_OVERALL
  };

  private ReportStatistics() {}

  /**
   * The same numbers as {@link #of}, in the same order, for a report over the same groups (a group
   * empty in {@code r} gives NaN), without building names: the bootstrap's hot path.
   */
  static double[] values(GroupReport r, List<GroupKey> groups, GroupKey reference) {
    return collect(r, groups, reference, false, null);
  }

  static Map<String, Double> of(GroupReport r) {
    return of(r, false);
  }

  /**
   * The report's numbers by name (with the report's own reference group, if any); with {@code
   * scores}, also the score-based ones (ROC AUC, macro AUC), which only a row bootstrap can
   * resample.
   */
  static Map<String, Double> of(GroupReport r, boolean scores) {
    return of(r, List.copyOf(r.byGroup().keySet()), r.reference().orElse(null), scores);
  }

  /** The numbers by name of a report over the given groups, against a reference (or null). */
  static Map<String, Double> of(
      GroupReport r, List<GroupKey> groups, GroupKey reference, boolean scores) {
    List<String> names = new ArrayList<>();
    double[] v = collect(r, groups, reference, scores, names);
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < v.length; i++) {
      out.put(names.get(i), v[i]);
    }
    return out;
  }

  private static double[] collect(
      GroupReport r,
      List<GroupKey> groups,
      GroupKey reference,
      boolean scores,
      List<String> names) {
    double[] out = new double[64];
    int n = 0;
    for (Metric m : r.metrics()) {
      if (m == Metric.COUNT || (!scores && (m == Metric.ROC_AUC || m == Metric.MACRO_ROC_AUC))) {
        continue;
      }
      int need = n + 3 * groups.size() + 8;
      if (out.length < need) {
        out = Arrays.copyOf(out, 2 * need);
      }
      out[n++] = r.overall().value(m);
      name(names, () -> ReportStatisticId.overall(m));
      for (GroupKey g : groups) {
        out[n++] = value(r, g, m);
        name(names, () -> ReportStatisticId.byGroup(g, m));
      }
      for (DisparityMethod method : METHODS) {
        out[n++] = r.difference(m, method).value();
        name(names, () -> ReportStatisticId.difference(method, m));
        out[n++] = r.ratio(m, method).value();
        name(names, () -> ReportStatisticId.ratio(method, m));
      }
      if (reference != null) {
        double ref = value(r, reference, m);
        for (GroupKey g : groups) {
          if (g.equals(reference)) {
            continue;
          }
          double v = value(r, g, m);
          out[n++] = v - ref;
          name(names, () -> ReportStatisticId.differenceToReference(g, m));
          out[n++] = ref == 0 ? Double.NaN : v / ref;
          name(names, () -> ReportStatisticId.ratioToReference(g, m));
        }
      }
    }
    for (Map.Entry<ReportStatisticId, Disparity> e : r.fairness().byId().entrySet()) {
      if (n == out.length) {
        out = Arrays.copyOf(out, 2 * out.length);
      }
      out[n++] = e.getValue().value();
      name(names, e::getKey);
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * The statistic name of a group's signed difference or ratio to the reference group.
   *
   * @param kind {@code difference} or {@code ratio}
   */
  static String toReference(String kind, GroupKey group, Metric metric) {
    return (kind.equals("ratio")
            ? ReportStatisticId.ratioToReference(group, metric)
            : ReportStatisticId.differenceToReference(group, metric))
        .key();
  }

  private static double value(GroupReport r, GroupKey g, Metric m) {
    MetricValues v = r.byGroup().get(g);
    return v == null ? Double.NaN : v.value(m);
  }

  /** Adds the key of a number's identity; the hot path (no names) builds none. */
  private static void name(List<String> names, Supplier<ReportStatisticId> id) {
    if (names != null) {
      names.add(id.get().key());
    }
  }
}
