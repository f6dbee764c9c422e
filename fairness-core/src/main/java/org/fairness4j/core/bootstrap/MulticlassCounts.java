package org.fairness4j.core.bootstrap;

import java.util.Map;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.Interval;

/**
 * Warns on the percentile (and BCa) intervals of a multiclass report's macro- and support-weighted
 * averages (of a group, overall, and a group's signed difference and ratio to the reference group)
 * when a class is expected fewer than {@link #MIN_COUNT} times among a group's true or predicted
 * labels: per-class precision, recall and F1 then rest on a handful of rows and the resamples
 * cannot show their spread (macro recall and macro F1 covered 0.88–0.92 at 95 % in the coverage
 * study's three-class setting with 50 rows and a class of 10 %, docs/coverage-study.md "Session 10
 * (h22a)"). As in {@link SmallCounts}, the expected count is the group's size times the class's
 * share over all groups, not the group's own count, so that the rule does not select tables by
 * their outcome. Since session 10 (h22x) macro recall, multiclass balanced accuracy and macro
 * precision get score intervals ({@link MulticlassIntervals}) that this rule leaves alone: they
 * covered 0.939–0.960 down to a class expected 3 times ({@code
 * tools/multiclass_mover_coverage_mc.py}).
 */
final class MulticlassCounts {
  /**
   * The smallest expected class count at which a macro average's percentile interval is trusted.
   */
  static final int MIN_COUNT = 20;

  /** The warning. */
  static final String WARNING =
      "a class expected fewer than "
          + MIN_COUNT
          + " times among a group's true or predicted labels (the group's size times the class's"
          + " share over all groups): percentile intervals of macro averages covered 0.84–0.95 at"
          + " 95 % with classes expected 5–15 times";

  /**
   * The warning on every resampling interval of the one-vs-rest macro AUC (session 10, h22x): its
   * percentile interval under-covered in the coverage study's scored three-class settings. Where
   * {@link MacroAucIntervals} gives its score interval (unweighted, unclustered, percentile, every
   * class scored) that interval replaces it, warning and all.
   */
  static final String MACRO_AUC_WARNING =
      "resampling intervals of the one-vs-rest macro AUC under-cover: percentile covered 0.895–0.970"
          + " at 95 % (below 0.93 in 8 of 24 cells) in three-class settings of 66–300 rows a group"
          + " (docs/coverage-study.md, \"Session 10 (h22x)\")";

  private MulticlassCounts() {}

  /**
   * Adds the small-class warning to every resampling interval of a macro or weighted average
   * concerned, and {@link #MACRO_AUC_WARNING} to the other resampling intervals of the macro AUC.
   */
  static void warn(
      GroupReport report,
      Map<ReportStatisticId, Interval> intervals,
      Map<ReportStatisticId, String> warnings) {
    if (report.isBinary()) {
      return;
    }
    warnSmallClasses(report, intervals, warnings);
    // Where no class is rare, the macro AUC's resampling interval still gets its own warning.
    for (Map.Entry<ReportStatisticId, Interval> e : intervals.entrySet()) {
      if (e.getKey().metric() == Metric.MACRO_ROC_AUC
          && e.getValue().method().startsWith("bootstrap")) {
        warnings.putIfAbsent(e.getKey(), MACRO_AUC_WARNING);
      }
    }
  }

  private static void warnSmallClasses(
      GroupReport report,
      Map<ReportStatisticId, Interval> intervals,
      Map<ReportStatisticId, String> warnings) {
    double[][] all = report.overallConfusionMatrix();
    int k = all.length;
    double[] trueShare = new double[k];
    double[] predShare = new double[k];
    double total = 0;
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        trueShare[t] += all[t][p];
        predShare[p] += all[t][p];
        total += all[t][p];
      }
    }
    if (total <= 0) {
      return;
    }
    GroupKey ref = report.reference().orElse(null);
    for (Map.Entry<ReportStatisticId, Interval> e : intervals.entrySet()) {
      ReportStatisticId s = e.getKey();
      if (!e.getValue().method().startsWith("bootstrap")
          || warnings.containsKey(s)
          || !isAverage(s.metric())) {
        continue;
      }
      boolean small;
      if (s.kind() == ReportStatisticId.Kind.OVERALL) {
        small = small(total, trueShare, predShare, total);
      } else if (s.group() != null) {
        small =
            small(report, s.group(), trueShare, predShare, total)
                || (s.kind() != ReportStatisticId.Kind.BY_GROUP
                    && ref != null
                    && small(report, ref, trueShare, predShare, total));
      } else {
        continue;
      }
      if (small) {
        warnings.put(s, WARNING);
      }
    }
  }

  private static boolean isAverage(Metric m) {
    return m != null && (m.key().startsWith("macro_") || m.key().startsWith("weighted_"));
  }

  private static boolean small(
      GroupReport r, GroupKey g, double[] trueShare, double[] predShare, double total) {
    if (!r.byGroup().containsKey(g)) {
      return false;
    }
    double n = 0;
    for (double[] row : r.confusionMatrix(g)) {
      for (double c : row) {
        n += c;
      }
    }
    return small(n, trueShare, predShare, total);
  }

  private static boolean small(double n, double[] trueShare, double[] predShare, double total) {
    for (int c = 0; c < trueShare.length; c++) {
      if (n * trueShare[c] / total < MIN_COUNT || n * predShare[c] / total < MIN_COUNT) {
        return true;
      }
    }
    return false;
  }
}
