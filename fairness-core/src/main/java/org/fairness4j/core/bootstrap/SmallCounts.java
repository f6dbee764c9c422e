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
 *
 * <p>A group's score intervals of F1 and balanced accuracy ({@link CompositeIntervals}) get their
 * own rule (session 10): the group's expected count of a cell is its size times the cell's share in
 * the OTHER groups' rows ({@link #COMPOSITE_MIN_COUNT}, {@link #COMPOSITE_WARNING}). It does not
 * read the group's own table, so the intervals it leaves unwarned cover as the construction does
 * over all tables: exactly 0.942–0.967 in every cell of a grid of groups of 30–500 rows where at
 * least 10 % were unwarned, where the pooled rule left intervals covering 0.85–0.96 ({@code
 * tools/composite_warning_rule_exact.py}; docs/coverage-study.md, "Session 10 (h22s)"). A report of
 * one group has no other groups; its share is then its own. Their signed differences and ratios to
 * the reference keep the pooled rule: simulated, it left the F1 and balanced-accuracy differences
 * and ratios covering 0.944–0.962 unwarned, the other-groups rule 0.948–0.999 ({@code
 * tools/composite_difference_rule_mc.py}).
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

  /**
   * The smallest expected confusion count, from the other groups' shares, at which a score interval
   * of F1 or balanced accuracy is left unwarned.
   */
  static final int COMPOSITE_MIN_COUNT = 3;

  /** The warning on a score interval of F1 or balanced accuracy. */
  static final String COMPOSITE_WARNING =
      "an expected confusion count (TP, FN, FP or TN: the group's size times the share of that"
          + " cell in the other groups' rows) below "
          + COMPOSITE_MIN_COUNT
          + " (rates near 0 or 1): the score interval of F1 or balanced accuracy covered 0.93–0.99"
          + " at 95 % here, over-covering as the counts shrink";

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
      if (warnings.containsKey(s)) {
        continue;
      }
      boolean composite =
          CompositeIntervals.isMethod(method) || ClusteredCompositeIntervals.isInterval(s, method);
      if (composite && CompositeIntervals.isOverall(s)) {
        continue; // the overall score interval covers without a rule (CompositeIntervals.isOverall)
      }
      if (composite && s.kind() == ReportStatisticId.Kind.BY_GROUP) {
        // a group's own F1 / balanced accuracy, clustered or not: the rule that reads the others
        // (with clusters of one row the clustered interval is the unclustered one, warning too)
        if (smallAtOthers(report, s.group(), pooled, positive)) {
          warnings.put(s, COMPOSITE_WARNING);
        }
      } else if ((method.startsWith("bootstrap") || composite)
          && Boolean.TRUE.equals(involvesSmall(report, s, pooled, total, positive))) {
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

  /**
   * Whether group g expects fewer than {@link #COMPOSITE_MIN_COUNT} of some cell at the other
   * groups' shares (its own shares when it is the only group).
   */
  private static boolean smallAtOthers(GroupReport r, GroupKey g, double[] pooled, int positive) {
    if (!r.byGroup().containsKey(g)) {
      return false;
    }
    double[] own = cells(r.confusionMatrix(g), positive);
    double[] others = new double[4];
    double n = 0;
    double rest = 0;
    for (int c = 0; c < 4; c++) {
      others[c] = pooled[c] - own[c];
      n += own[c];
      rest += others[c];
    }
    // Rounding of weighted sums can leave a tiny negative rest; one group alone uses its own
    // shares.
    double[] shares = rest > 1e-9 ? others : own;
    double total = rest > 1e-9 ? rest : n;
    for (double c : shares) {
      if (n * Math.max(c, 0) / total < COMPOSITE_MIN_COUNT) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a group of a binary report expects a confusion count below the limit, by {@link
   * #warn}'s rule (for numbers of two groups made elsewhere, {@link CompositeGaps}).
   */
  static boolean expectsSmall(GroupReport report, GroupKey group) {
    int positive = report.classes().require(report.positiveLabel().orElseThrow());
    double[] pooled = cells(report.overallConfusionMatrix(), positive);
    double total = pooled[0] + pooled[1] + pooled[2] + pooled[3];
    return total > 0 && small(report, group, pooled, total, positive);
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
