package org.fairness4j.core.bootstrap;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.stats.DeLong;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.PredictionTable;

/**
 * A score interval of the one-vs-rest macro AUC ({@code macro_roc_auc_ovr}) of an unweighted,
 * unclustered multiclass table with every class's scores, in place of the row bootstrap's
 * percentile interval, which under-covered (session 10, h22x; docs/coverage-study.md). The macro
 * AUC M = (1/K) Σ A_k averages K AUCs on the same rows, so their errors are correlated and a MOVER
 * from K separate DeLong intervals would not do. Its variance is that of its influence function
 * over rows (DeLong's structural components, summed per row): a row of class k adds (V10 − A_k)/m_k
 * to A_k, a row of another class (V01 − A_k)/n_k, with V10 the share of class k's negatives scored
 * below the row (ties half) and V01 the share of its positives scored above; φ_r is the row's sum
 * over classes divided by K, and Var(M) = N/(N − 1) Σ φ_r². The interval is logit(M) ± t·√Var/(M(1
 * − M)) mapped back, t Student's with min_k min(m_k, n_k) − 1 degrees of freedom (as {@link
 * AucIntervals} for one AUC) ({@value #METHOD}); a group's difference and ratio to the reference
 * are MOVER from the two groups' intervals ({@link CompositeIntervals#difference}, {@link
 * CompositeIntervals#ratio}). Where a class has fewer than two positives or negatives in the rows,
 * M is 0 or 1, or the estimate differs from the report's, the resampling interval stays with its
 * warnings.
 */
final class MacroAucIntervals {
  /** The method name of a macro AUC's interval. */
  static final String METHOD = "delong-logit-macro";

  private MacroAucIntervals() {}

  /**
   * The result with these intervals in place of the resampling ones of the macro AUC (their
   * warnings dropped).
   *
   * @param result the finished bootstrap result
   * @param original the report (with its reference group, if any)
   * @param table the unweighted table, with every class's scores
   * @param index the table's groups
   * @param confidence e.g. 0.95
   * @return the result with the score intervals
   */
  static BootstrapResult apply(
      BootstrapResult result,
      GroupReport original,
      PredictionTable table,
      GroupIndex index,
      double confidence) {
    if (original.isBinary() || table.isWeighted()) {
      return result;
    }
    int k = table.classes().size();
    double[][] scores = new double[k][];
    for (int c = 0; c < k; c++) {
      String label = table.classes().label(c);
      if (!table.hasScores(label)) {
        return result;
      }
      scores[c] = table.scores(label);
    }
    Map<ReportStatisticId, Interval> intervals = new LinkedHashMap<>(result.intervals());
    Map<ReportStatisticId, String> warnings = new LinkedHashMap<>(result.warnings());
    List<GroupKey> keys = index.keys();
    Map<GroupKey, Interval> byGroup = new LinkedHashMap<>();
    for (int g = 0; g < keys.size(); g++) {
      Interval i = interval(table, scores, index, g, confidence);
      if (i != null && matches(i, original.byGroup().get(keys.get(g)))) {
        byGroup.put(keys.get(g), i);
        put(intervals, warnings, ReportStatisticId.byGroup(keys.get(g), Metric.MACRO_ROC_AUC), i);
      }
    }
    if (index.droppedRows() == 0) {
      Interval all = interval(table, scores, index, -1, confidence);
      if (all != null && matches(all, original.overall())) {
        put(intervals, warnings, ReportStatisticId.overall(Metric.MACRO_ROC_AUC), all);
      }
    }
    GroupKey ref = original.reference().orElse(null);
    Interval a = ref == null ? null : byGroup.get(ref);
    if (a != null) {
      for (Map.Entry<GroupKey, Interval> e : byGroup.entrySet()) {
        if (!e.getKey().equals(ref)) {
          put(
              intervals,
              warnings,
              ReportStatisticId.differenceToReference(e.getKey(), Metric.MACRO_ROC_AUC),
              CompositeIntervals.difference(e.getValue(), a));
          put(
              intervals,
              warnings,
              ReportStatisticId.ratioToReference(e.getKey(), Metric.MACRO_ROC_AUC),
              CompositeIntervals.ratio(e.getValue(), a));
        }
      }
    }
    return result.withIntervals(intervals, warnings);
  }

  private static void put(
      Map<ReportStatisticId, Interval> intervals,
      Map<ReportStatisticId, String> warnings,
      ReportStatisticId id,
      Interval i) {
    if (i != null && intervals.containsKey(id)) {
      intervals.put(id, i);
      warnings.remove(id);
    }
  }

  private static boolean matches(Interval i, MetricValues values) {
    if (values == null || !values.has(Metric.MACRO_ROC_AUC)) {
      return false;
    }
    double v = values.get(Metric.MACRO_ROC_AUC).value();
    return values.get(Metric.MACRO_ROC_AUC).isDefined() && Math.abs(v - i.estimate()) <= 1e-9;
  }

  /** The interval of group g's rows (−1: all rows), or null where undefined (class comment). */
  static Interval interval(
      PredictionTable table, double[][] scores, GroupIndex index, int g, double confidence) {
    int n = 0;
    for (int i = 0; i < table.rowCount(); i++) {
      n += g < 0 || index.groupOf(i) == g ? 1 : 0;
    }
    int[] rows = new int[n];
    for (int i = 0, j = 0; i < table.rowCount(); i++) {
      if (g < 0 || index.groupOf(i) == g) {
        rows[j++] = i;
      }
    }
    int k = scores.length;
    double[] phi = new double[n];
    double sum = 0;
    int fewest = Integer.MAX_VALUE;
    for (int c = 0; c < k; c++) {
      int m = 0;
      for (int r : rows) {
        m += table.trueClass(r) == c ? 1 : 0;
      }
      int q = n - m;
      if (m < 2 || q < 2) {
        return null;
      }
      fewest = Math.min(fewest, Math.min(m, q));
      double[] pos = new double[m];
      double[] neg = new double[q];
      for (int j = 0, p = 0, o = 0; j < n; j++) {
        double s = scores[c][rows[j]];
        if (table.trueClass(rows[j]) == c) {
          pos[p++] = s;
        } else {
          neg[o++] = s;
        }
      }
      Arrays.sort(pos);
      Arrays.sort(neg);
      double[] placement = new double[n];
      double auc = 0;
      for (int j = 0; j < n; j++) {
        double s = scores[c][rows[j]];
        if (table.trueClass(rows[j]) == c) {
          placement[j] = (below(neg, s) + 0.5 * ties(neg, s)) / q;
          auc += placement[j];
        } else {
          placement[j] = (m - below(pos, s) - ties(pos, s) + 0.5 * ties(pos, s)) / m;
        }
      }
      auc /= m;
      sum += auc;
      for (int j = 0; j < n; j++) {
        boolean positive = table.trueClass(rows[j]) == c;
        phi[j] += (placement[j] - auc) / (positive ? m : q) / k;
      }
    }
    double mean = sum / k;
    double ss = 0;
    for (double f : phi) {
      ss += f * f;
    }
    double variance = n / (n - 1.0) * ss;
    Interval i =
        AucIntervals.logit(new DeLong.Estimate(mean, variance, fewest, fewest), confidence);
    return i == null ? null : new Interval(mean, i.lower(), i.upper(), confidence, METHOD);
  }

  /** How many of the sorted values are below s. */
  private static int below(double[] sorted, double s) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < s) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** How many of the sorted values equal s. */
  private static int ties(double[] sorted, double s) {
    int from = below(sorted, s);
    int to = from;
    while (to < sorted.length && sorted[to] == s) {
      to++;
    }
    return to - from;
  }
}
