package org.fairness4j.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValues;

/**
 * Flattens a report into its numbers, each under its {@link ReportStatisticId}: per metric the
 * overall value, every group's value, the difference and ratio between groups and to the overall
 * value, with a reference group every other group's signed difference and ratio to it, then the
 * named fairness metrics. The one flattener of the project: the bootstrap's statistics, the policy
 * baseline and the interval keys all come from it, in this order.
 */
public final class ReportNumbers {
  private static final DisparityMethod[] METHODS = {
    DisparityMethod.BETWEEN_GROUPS, DisparityMethod.TO_OVERALL
  };

  private ReportNumbers() {}

  /**
   * Returns every number of a report (every metric, counts and AUC included), against the report's
   * reference group if it has one.
   *
   * @param r the report
   * @return identity → value, in report order (NaN where undefined)
   */
  public static Map<ReportStatisticId, Double> of(GroupReport r) {
    return of(r, List.copyOf(r.byGroup().keySet()), r.reference().orElse(null), m -> true);
  }

  /**
   * Returns the numbers of a report over the given groups (a group missing from {@code r} gives
   * NaN), against a reference group, for the metrics {@code include} accepts.
   *
   * @param r the report
   * @param groups the groups, in order
   * @param reference the reference group, or null
   * @param include which metrics
   * @return identity → value, in order
   */
  public static Map<ReportStatisticId, Double> of(
      GroupReport r, List<GroupKey> groups, GroupKey reference, Predicate<Metric> include) {
    List<ReportStatisticId> ids = new ArrayList<>();
    double[] v = collect(r, groups, reference, include, ids);
    Map<ReportStatisticId, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < v.length; i++) {
      out.put(ids.get(i), v[i]);
    }
    return out;
  }

  /**
   * The same numbers as {@link #of(GroupReport, List, GroupKey, Predicate)}, in the same order,
   * without building identities: the bootstrap's hot path.
   *
   * @param r the report
   * @param groups the groups, in order
   * @param reference the reference group, or null
   * @param include which metrics
   * @return the values
   */
  public static double[] values(
      GroupReport r, List<GroupKey> groups, GroupKey reference, Predicate<Metric> include) {
    return collect(r, groups, reference, include, null);
  }

  private static double[] collect(
      GroupReport r,
      List<GroupKey> groups,
      GroupKey reference,
      Predicate<Metric> include,
      List<ReportStatisticId> names) {
    double[] out = new double[64];
    int n = 0;
    for (Metric m : r.metrics()) {
      if (!include.test(m)) {
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
   * Returns the group extremes of a report (Fairlearn's {@code group_min} and {@code group_max}),
   * each naming the group behind it ({@link GroupExtreme#group()}). They are not among {@link
   * #of}'s numbers: an extreme is the value of one of the groups there, which group depending on
   * the data, and the bootstrap gives intervals to the groups' values themselves.
   *
   * @param r the report
   * @return per metric, {@link ReportStatisticId#groupMin} then {@link ReportStatisticId#groupMax},
   *     in the report's metric order
   */
  public static Map<ReportStatisticId, GroupExtreme> extremes(GroupReport r) {
    Map<ReportStatisticId, GroupExtreme> out = new LinkedHashMap<>();
    for (Metric m : r.metrics()) {
      out.put(ReportStatisticId.groupMin(m), r.groupMin(m));
      out.put(ReportStatisticId.groupMax(m), r.groupMax(m));
    }
    return out;
  }

  private static double value(GroupReport r, GroupKey g, Metric m) {
    MetricValues v = r.byGroup().get(g);
    return v == null ? Double.NaN : v.value(m);
  }

  /** Adds a number's identity; the hot path (no names) builds none. */
  private static void name(List<ReportStatisticId> names, Supplier<ReportStatisticId> id) {
    if (names != null) {
      names.add(id.get());
    }
  }
}
