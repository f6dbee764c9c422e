package org.fairness4j.core.bootstrap;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.stats.Interval;

/**
 * Warns on the intervals of a clustered (patient-level) analysis that involve a group with fewer
 * than {@link #MIN_CLUSTERS} clusters holding a positive row, or fewer holding a negative one: the
 * design effect and the cluster bootstrap are then estimated from too few clusters, and both the
 * clustered score intervals and the percentile intervals under-covered (0.90–0.93 at 95 % with
 * 18–22 such clusters per group; docs/statistics.md, "Coverage study").
 */
final class FewClusters {
  /** The fewest clusters with a positive (and with a negative) row for a trusted interval. */
  static final int MIN_CLUSTERS = 30;

  /** The warning. */
  static final String WARNING =
      "a group has fewer than "
          + MIN_CLUSTERS
          + " clusters (patients) holding its positive rows or its negative rows: clustered"
          + " intervals under-cover here (measured 0.89–0.93 at 95 %)";

  private FewClusters() {}

  /**
   * Whether rows in so few clusters are too few for a clustered interval: fewer than {@link
   * #MIN_CLUSTERS} clusters holding more than two such rows each on average (clusters of one or two
   * rows are nearly the independent design, where the small-count rules apply instead).
   */
  private static boolean few(int clusters, long rows) {
    return clusters > 0 && clusters < MIN_CLUSTERS && rows > 2L * clusters;
  }

  /**
   * Adds the warning to every interval of a binary report that involves such a group: a group's
   * number or signed difference its group (and the reference), a gap or fairness metric any group.
   *
   * @param report the original report (with its reference, if any)
   * @param keys the groups in the order of the cluster cells
   * @param clusterCells per cluster its (cell, rows) pairs, cell = (group·k + true)·k + predicted
   * @param intervals the intervals
   * @param warnings statistic → warning; changed in place (existing warnings are kept)
   */
  static void warn(
      GroupReport report,
      List<GroupKey> keys,
      int[][] clusterCells,
      Map<ReportStatisticId, Interval> intervals,
      Map<ReportStatisticId, String> warnings) {
    if (!report.isBinary()) {
      return;
    }
    int k = report.classes().size();
    int positive = report.classes().require(report.positiveLabel().orElseThrow());
    // Per group: clusters with a positive row and those rows; the same for negatives.
    int[][] clusters = new int[keys.size()][2];
    long[][] rows = new long[keys.size()][2];
    for (int[] flat : clusterCells) {
      Set<Integer> pos = new HashSet<>();
      Set<Integer> neg = new HashSet<>();
      for (int j = 0; j < flat.length; j += 2) {
        int g = flat[j] / (k * k);
        boolean positiveRow = flat[j] / k % k == positive;
        (positiveRow ? pos : neg).add(g);
        rows[g][positiveRow ? 0 : 1] += flat[j + 1];
      }
      pos.forEach(g -> clusters[g][0]++);
      neg.forEach(g -> clusters[g][1]++);
    }
    Set<GroupKey> few = new HashSet<>();
    for (int g = 0; g < keys.size(); g++) {
      if (report.byGroup().containsKey(keys.get(g))
          && (few(clusters[g][0], rows[g][0]) || few(clusters[g][1], rows[g][1]))) {
        few.add(keys.get(g));
      }
    }
    if (few.isEmpty()) {
      return;
    }
    GroupKey ref = report.reference().orElse(null);
    for (ReportStatisticId id : intervals.keySet()) {
      boolean involved =
          switch (id.kind()) {
            case OVERALL -> false;
            case BY_GROUP -> few.contains(id.group());
            default ->
                id.group() == null
                    ? true
                    : few.contains(id.group()) || (ref != null && few.contains(ref));
          };
      if (involved) {
        warnings.putIfAbsent(id, WARNING);
      }
    }
  }
}
