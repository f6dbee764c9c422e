package org.fairness4j.core;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValues;

/**
 * The {@link Disparities} of every metric of a {@link GroupReport}. Immutable after construction.
 */
final class ReportDisparities {
  private final List<Metric> metrics;
  private final Map<Metric, Disparities> byMetric = new EnumMap<>(Metric.class);

  ReportDisparities(
      List<Metric> metrics, MetricValues overall, Map<GroupKey, MetricValues> byGroup) {
    this.metrics = metrics;
    for (Metric m : metrics) {
      byMetric.put(m, new Disparities(m, overall, byGroup));
    }
  }

  /** The disparities of a metric of the report; another metric is an IllegalArgumentException. */
  Disparities of(Metric metric) {
    Disparities d = byMetric.get(metric);
    if (d == null) {
      throw new IllegalArgumentException(
          metric.key() + " is not a metric of this report; metrics: " + metrics);
    }
    return d;
  }

  Disparity difference(Metric metric, DisparityMethod method, GroupKey reference) {
    checkMethod(method, reference);
    return of(metric).difference(method, reference);
  }

  Disparity ratio(Metric metric, DisparityMethod method, GroupKey reference) {
    checkMethod(method, reference);
    return of(metric).ratio(method, reference);
  }

  private static void checkMethod(DisparityMethod method, GroupKey reference) {
    if (method == DisparityMethod.TO_REFERENCE && reference == null) {
      throw new IllegalArgumentException("TO_REFERENCE needs a reference group");
    }
  }
}
