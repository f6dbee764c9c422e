package org.fairness4j.core.bootstrap;

import java.util.Map;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.stats.Interval;

/**
 * Warns on percentile (and BCa) intervals of a binary report's group numbers, and on the score
 * intervals of F1 and balanced accuracy ({@link CompositeIntervals}), when an expected confusion
 * count (TP, FN, FP or TN) of a group they depend on is below {@link #MIN_COUNT}: with rates near 0
 * or 1 the resamples cannot show the tail the truth lies in (balanced accuracy and the F1
 * difference covered about 91 % at 95 % in the coverage study's near-0/1 setting).
 *
 * <p>The expected count of a cell in a group is the group's size times the cell's share of all rows
 * of the report (pooled over the groups), not the group's own count: a rule on the observed count
 * selects the tables whose count came out large, and the unwarned intervals then covered 0.97–1.00
 * where the construction covers less (docs/statistics.md). The pooled share depends on a group's
 * own count only through its part of the total. For the overall numbers the expected counts are the
 * overall counts.
 */
final class SmallCounts {
  /** The smallest expected confusion count at which a percentile interval is trusted. */
  static final int MIN_COUNT = 5;

  /** The warning. */
  static final String WARNING =
      "an expected confusion count (TP, FN, FP or TN: the group's size times the share of that"
          + " cell over all groups) below "
          + MIN_COUNT
          + " (rates near 0 or 1): resampling intervals under-cover here, and the score intervals"
          + " of F1 and balanced accuracy covered 0.90–1.00 at 95 %";

  private SmallCounts() {}

  /** Adds the warning to every resampling interval of a group statistic with a small count. */
  static void warn(
      GroupReport report,
      Map<ReportStatisticId, Interval> intervals,
      Map<ReportStatisticId, String> warnings) {
    if (!report.isBinary()) {
      return;
    }
    int positive = report.classes().require(report.positiveLabel().orElseThrow());
    double[] pooled = cells(report.overallConfusionMatrix(), positive);
    double total = pooled[0] + pooled[1] + pooled[2] + pooled[3];
    if (total <= 0) {
      return;
    }
    for (Map.Entry<ReportStatisticId, Interval> e : intervals.entrySet()) {
      ReportStatisticId s = e.getKey();
      String method = e.getValue().method();
      if (!(method.startsWith("bootstrap")
              || CompositeIntervals.isMethod(method)
              || ClusteredCompositeIntervals.isInterval(s, method))
          || warnings.containsKey(s)) {
        continue;
      }
      if (Boolean.TRUE.equals(involvesSmall(report, s, pooled, total, positive))) {
        warnings.put(s, WARNING);
      }
    }
  }

  /**
   * Whether a number of one or two groups (overall, a group's, a signed difference or ratio to the
   * reference) involves a small expected count; null for numbers over all groups (gaps, fairness
   * metrics).
   */
  private static Boolean involvesSmall(
      GroupReport report, ReportStatisticId id, double[] pooled, double total, int positive) {
    if (id.kind() == ReportStatisticId.Kind.OVERALL) {
      return small(pooled, total, total);
    }
    if (id.group() == null) {
      return null;
    }
    GroupKey ref = report.reference().orElse(null);
    return small(report, id.group(), pooled, total, positive)
        || (id.kind() != ReportStatisticId.Kind.BY_GROUP
            && ref != null
            && small(report, ref, pooled, total, positive));
  }

  private static boolean small(
      GroupReport r, GroupKey g, double[] pooled, double total, int positive) {
    if (!r.byGroup().containsKey(g)) {
      return false;
    }
    double[] own = cells(r.confusionMatrix(g), positive);
    return small(pooled, total, own[0] + own[1] + own[2] + own[3]);
  }

  /** Whether a group of n rows expects fewer than the limit in some cell, at the pooled shares. */
  private static boolean small(double[] pooled, double total, double n) {
    for (double c : pooled) {
      if (n * c / total < MIN_COUNT) {
        return true;
      }
    }
    return false;
  }

  /** {TP, FN, FP, TN} of a K×K matrix [true][predicted]. */
  static double[] cells(double[][] m, int positive) {
    double[] out = new double[4];
    for (int t = 0; t < m.length; t++) {
      for (int p = 0; p < m.length; p++) {
        boolean tp = t == positive;
        boolean pp = p == positive;
        out[tp ? (pp ? 0 : 1) : (pp ? 2 : 3)] += m[t][p];
      }
    }
    return out;
  }
}
