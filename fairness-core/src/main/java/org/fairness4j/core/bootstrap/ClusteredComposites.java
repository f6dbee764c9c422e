package org.fairness4j.core.bootstrap;

import java.util.Map;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.stats.Interval;

/**
 * Warns on the cluster-bootstrap (percentile or BCa) intervals of composite numbers — metrics that
 * are not one x/n rate, such as F1 and balanced accuracy, their differences, ratios and gaps — when
 * the clusters really group rows (some cluster holds more than one row): with intra-patient copying
 * 0.2–0.5 they covered 0.91–0.95 at 95 % in the coverage study (docs/statistics.md, "Session 7b").
 * F1 and balanced accuracy of a group and a group's difference and ratio to the reference have
 * clustered score intervals since session 10 ({@link ClusteredCompositeIntervals}), as have their
 * gap and min/max ratio when exactly two groups have a value, and so carry no warning; the overall
 * values, gaps and min/max ratios of three or more groups and the other composites keep it. The
 * rule depends on the design (clustered, rows per cluster) and the kind of number only, never on a
 * count of the data, so it selects no tables.
 */
final class ClusteredComposites {
  /** The warning. */
  static final String WARNING =
      "cluster-bootstrap interval of a composite number (not one x/n rate): with patients holding"
          + " several rows it under-covers (measured 0.91–0.95 at 95 %)";

  private ClusteredComposites() {}

  /**
   * Adds the warning to every resampling interval of a composite number when some cluster holds
   * more than one row.
   *
   * @param clusterCells per cluster its (cell, rows) pairs
   * @param intervals the intervals
   * @param warnings statistic → warning; changed in place (existing warnings are kept)
   */
  static void warn(
      int[][] clusterCells,
      Map<ReportStatisticId, Interval> intervals,
      Map<ReportStatisticId, String> warnings) {
    if (!grouped(clusterCells)) {
      return;
    }
    for (Map.Entry<ReportStatisticId, Interval> e : intervals.entrySet()) {
      if (!e.getValue().method().startsWith("bootstrap") || warnings.containsKey(e.getKey())) {
        continue;
      }
      ReportStatisticId id = e.getKey();
      if (id.metric() != null && Rate.of(id.metric()) == null) {
        warnings.put(e.getKey(), WARNING);
      }
    }
  }

  private static boolean grouped(int[][] clusterCells) {
    for (int[] flat : clusterCells) {
      long rows = 0;
      for (int j = 1; j < flat.length; j += 2) {
        rows += flat[j];
      }
      if (rows > 1) {
        return true;
      }
    }
    return false;
  }
}
