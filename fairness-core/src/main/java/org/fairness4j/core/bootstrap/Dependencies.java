package org.fairness4j.core.bootstrap;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.metrics.Metric;

/**
 * Which group values each disparity of a flattened report was computed from: a gap, ratio or
 * fairness metric is a resample of the original only in replicates where every group that entered
 * it originally is still defined.
 */
final class Dependencies {
  private Dependencies() {}

  /**
   * For each statistic, the indices of the statistics (group values of a metric) that must be
   * defined in a replicate for it to count.
   */
  static int[][] of(List<ReportStatisticId> ids, Map<ReportStatisticId, Double> original) {
    Map<Metric, List<Integer>> definedGroups = new EnumMap<>(Metric.class);
    Map<Metric, Integer> overall = new EnumMap<>(Metric.class);
    for (int i = 0; i < ids.size(); i++) {
      ReportStatisticId id = ids.get(i);
      if (id.kind() == ReportStatisticId.Kind.BY_GROUP && !Double.isNaN(original.get(id))) {
        definedGroups.computeIfAbsent(id.metric(), k -> new ArrayList<>()).add(i);
      } else if (id.kind() == ReportStatisticId.Kind.OVERALL) {
        overall.put(id.metric(), i);
      }
    }
    int[][] deps = new int[ids.size()][];
    for (int i = 0; i < ids.size(); i++) {
      ReportStatisticId id = ids.get(i);
      List<Integer> d = new ArrayList<>();
      if (id.isOverGroups()) {
        for (Metric m : id.components()) {
          d.addAll(definedGroups.getOrDefault(m, List.of()));
        }
        if (id.kind() != ReportStatisticId.Kind.FAIRNESS
            && id.method() == DisparityMethod.TO_OVERALL
            && overall.containsKey(id.metric())) {
          d.add(overall.get(id.metric()));
        }
      }
      deps[i] = d.stream().mapToInt(Integer::intValue).toArray();
    }
    return deps;
  }
}
