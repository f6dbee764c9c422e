package org.fairness4j.core.bootstrap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.FairnessMetrics;

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
  static int[][] of(List<String> names, Map<String, Double> original) {
    Map<String, List<Integer>> definedGroups = new HashMap<>();
    Map<String, Integer> overall = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String s = names.get(i);
      String metric = s.substring(s.lastIndexOf('/') + 1);
      if (s.startsWith("by_group/") && !Double.isNaN(original.get(s))) {
        definedGroups.computeIfAbsent(metric, k -> new ArrayList<>()).add(i);
      } else if (s.startsWith("overall/")) {
        overall.put(metric, i);
      }
    }
    int[][] deps = new int[names.size()][];
    for (int i = 0; i < names.size(); i++) {
      String s = names.get(i);
      List<Integer> d = new ArrayList<>();
      if (s.startsWith("difference/between_groups/") || s.startsWith("ratio/between_groups/")) {
        d.addAll(definedGroups.getOrDefault(metric(s), List.of()));
      } else if (s.startsWith("difference/to_overall/") || s.startsWith("ratio/to_overall/")) {
        d.addAll(definedGroups.getOrDefault(metric(s), List.of()));
        if (overall.containsKey(metric(s))) {
          d.add(overall.get(metric(s)));
        }
      } else if (s.startsWith("fairness/")) {
        for (String m : components(s)) {
          d.addAll(definedGroups.getOrDefault(m, List.of()));
        }
      }
      deps[i] = d.stream().mapToInt(Integer::intValue).toArray();
    }
    return deps;
  }

  private static String metric(String statistic) {
    return statistic.substring(statistic.lastIndexOf('/') + 1);
  }

  /** The metrics a named fairness metric compares (binary reports; none known otherwise). */
  private static List<String> components(String statistic) {
    String name = statistic.substring("fairness/".length());
    if (name.startsWith(FairnessMetrics.DEMOGRAPHIC_PARITY_DIFFERENCE + "/")
        || name.startsWith(FairnessMetrics.DEMOGRAPHIC_PARITY_RATIO + "/")) {
      return List.of("selection_rate");
    }
    if (name.startsWith(FairnessMetrics.EQUAL_OPPORTUNITY_DIFFERENCE + "/")
        || name.startsWith(FairnessMetrics.EQUAL_OPPORTUNITY_RATIO + "/")) {
      return List.of("recall");
    }
    if (name.startsWith(FairnessMetrics.EQUALIZED_ODDS_DIFFERENCE + "/")
        || name.startsWith(FairnessMetrics.EQUALIZED_ODDS_RATIO + "/")) {
      return List.of("recall", "fpr");
    }
    return List.of();
  }

  /**
   * Whether a statistic is an extreme over groups (max − min, min / max, the group farthest from
   * the overall value, and the fairness metrics built from them), whose percentile interval is
   * biased and for which BCa under-covers.
   */
  static boolean isExtreme(String statistic) {
    return statistic.startsWith("difference/between_groups/")
        || statistic.startsWith("ratio/between_groups/")
        || statistic.startsWith("difference/to_overall/")
        || statistic.startsWith("ratio/to_overall/")
        || statistic.startsWith("fairness/");
  }
}
