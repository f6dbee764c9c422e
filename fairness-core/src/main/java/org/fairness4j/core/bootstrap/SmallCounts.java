package org.fairness4j.core.bootstrap;

import java.util.Map;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.stats.Interval;

/**
 * Warns on percentile (and BCa) intervals of a binary report's group numbers when a confusion count
 * of a group they depend on (TP, FN, FP or TN) is below {@link #MIN_COUNT}: with rates near 0 or 1
 * the resamples cannot show the tail the truth lies in (balanced accuracy and the F1 difference
 * covered about 91 % at 95 % in the coverage study's near-0/1 setting).
 */
final class SmallCounts {
  /** The smallest confusion count at which a percentile interval is trusted. */
  static final int MIN_COUNT = 5;

  /** The warning. */
  static final String WARNING =
      "a confusion count (TP, FN, FP or TN) of a group below "
          + MIN_COUNT
          + " (rates near 0 or 1): resampling intervals under-cover here";

  /**
   * The note on score intervals at small counts: they keep their level but are conservative there
   * (docs/statistics.md, "Coverage study").
   */
  static final String CONSERVATIVE_NOTE =
      "score intervals (wilson, newcombe, katz-log, mover-wilson and their folded forms) that"
          + " involve a group with a confusion count below "
          + MIN_COUNT
          + " are conservative: they cover at least the stated level, measured up to 100 %, so"
          + " they are wider than they need to be";

  private SmallCounts() {}

  /**
   * Whether a score interval (not a resampling one) of a binary report involves a group with a
   * confusion count below {@link #MIN_COUNT}: a group number or signed difference its groups (and
   * the reference), a between-group gap or fairness metric any group.
   */
  static boolean conservative(GroupReport report, Map<String, Interval> intervals) {
    if (!report.isBinary()) {
      return false;
    }
    int positive = report.classes().require(report.positiveLabel().orElseThrow());
    GroupKey ref = report.reference().orElse(null);
    boolean anyGroup = false;
    for (GroupKey g : report.byGroup().keySet()) {
      anyGroup |= small(report, g, positive);
    }
    for (Map.Entry<String, Interval> e : intervals.entrySet()) {
      String s = e.getKey();
      if (e.getValue().method().startsWith("bootstrap")) {
        continue;
      }
      boolean small;
      if (s.startsWith("overall/")) {
        small = small(report.overallConfusionMatrix(), positive);
      } else if (s.startsWith("by_group/")) {
        small = small(report, group(s, "by_group/"), positive);
      } else if (s.startsWith("difference/to_reference/") || s.startsWith("ratio/to_reference/")) {
        String prefix = s.startsWith("ratio") ? "ratio/to_reference/" : "difference/to_reference/";
        small =
            small(report, group(s, prefix), positive)
                || (ref != null && small(report, ref, positive));
      } else {
        small = anyGroup;
      }
      if (small) {
        return true;
      }
    }
    return false;
  }

  /** Adds the warning to every resampling interval of a group statistic with a small count. */
  static void warn(
      GroupReport report, Map<String, Interval> intervals, Map<String, String> warnings) {
    if (!report.isBinary()) {
      return;
    }
    int positive = report.classes().require(report.positiveLabel().orElseThrow());
    GroupKey ref = report.reference().orElse(null);
    for (Map.Entry<String, Interval> e : intervals.entrySet()) {
      String s = e.getKey();
      if (!e.getValue().method().startsWith("bootstrap") || warnings.containsKey(s)) {
        continue;
      }
      boolean small;
      if (s.startsWith("overall/")) {
        small = small(report.overallConfusionMatrix(), positive);
      } else if (s.startsWith("by_group/")) {
        small = small(report, group(s, "by_group/"), positive);
      } else if (s.startsWith("difference/to_reference/") || s.startsWith("ratio/to_reference/")) {
        String prefix = s.startsWith("ratio") ? "ratio/to_reference/" : "difference/to_reference/";
        small =
            small(report, group(s, prefix), positive)
                || (ref != null && small(report, ref, positive));
      } else {
        continue;
      }
      if (small) {
        warnings.put(s, WARNING);
      }
    }
  }

  private static GroupKey group(String statistic, String prefix) {
    return GroupKey.parse(statistic.substring(prefix.length(), statistic.lastIndexOf('/')));
  }

  private static boolean small(GroupReport r, GroupKey g, int positive) {
    return r.byGroup().containsKey(g) && small(r.confusionMatrix(g), positive);
  }

  /** Whether TP, FN, FP or TN of a K×K matrix [true][predicted] is below the limit. */
  private static boolean small(double[][] m, int positive) {
    double tp = 0;
    double fn = 0;
    double fp = 0;
    double tn = 0;
    for (int t = 0; t < m.length; t++) {
      for (int p = 0; p < m.length; p++) {
        if (t == positive) {
          if (p == positive) {
            tp += m[t][p];
          } else {
            fn += m[t][p];
          }
        } else if (p == positive) {
          fp += m[t][p];
        } else {
          tn += m[t][p];
        }
      }
    }
    return Math.min(Math.min(tp, fn), Math.min(fp, tn)) < MIN_COUNT;
  }
}
