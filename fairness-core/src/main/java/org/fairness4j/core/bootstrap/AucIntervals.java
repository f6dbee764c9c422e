package org.fairness4j.core.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.MetricValue;
import org.fairness4j.core.metrics.MetricValues;
import org.fairness4j.core.stats.DeLong;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.PredictionTable;

/**
 * Analytic intervals of the ROC AUC of an unclustered, unweighted binary table in place of the row
 * bootstrap's percentile ones. Each group's and the overall AUC A with DeLong's variance V on the
 * logit scale ({@value #LOGIT}: logit(A) ± t·√V/(A(1−A)), mapped back, t Student's quantile with
 * min(m, n) − 1 degrees of freedom for m positives and n negatives; Pepe 2003, §5.2; Qin and
 * Hotilovac 2008); the normal quantile covered 0.90–0.94 with about 10 positives, Student's t
 * 0.95–0.97. A group's signed difference to the reference group and its ratio by MOVER from the two
 * groups' logit intervals (Newcombe's hybrid, {@value #DIFFERENCE}; on the log scale, {@value
 * #RATIO}): DeLong's Wald interval of the difference covered 0.91 where one AUC was 0.95 from 15
 * positives. With exactly two groups the gap max − min = |B − A| gets the interval of θ = |δ| that
 * inverts a test of θ from the MOVER interval of δ ({@link FoldedInterval}, {@value #GAP}); other
 * extremes over groups (min/max ratios, gaps of three or more groups, to-overall) keep their
 * percentile interval and its warning. Where the logit interval is undefined (fewer than two
 * positives or negatives, an AUC of 0 or 1, a zero variance) the percentile interval stays, with
 * its warnings; with fewer than {@value #FEW} positives or negatives the interval gets a note (it
 * covered 0.93–0.99, mostly conservative). docs/coverage-study.md, "Session 10 (h22a)", has the
 * coverage.
 */
final class AucIntervals {
  /** The method name of one AUC's interval. */
  static final String LOGIT = "delong-logit";

  /** The method name of a signed AUC difference to the reference group. */
  static final String DIFFERENCE = "mover-delong-logit";

  /** The method name of an AUC ratio to the reference group. */
  static final String RATIO = "mover-log-delong-logit";

  /** The method name of the two-group gap max − min. */
  static final String GAP = "mover-delong-logit-folded";

  /** Below this many positives or negatives an AUC's interval gets a note (mostly conservative). */
  static final int FEW = 15;

  /** The note on intervals from fewer than {@link #FEW} positives or negatives. */
  static final String FEW_NOTE =
      "an AUC from fewer than "
          + FEW
          + " positives or negatives: DeLong's logit interval with Student's t covered 0.93–0.99"
          + " at 95 % there, mostly above 0.95 (conservative)";

  private AucIntervals() {}

  /**
   * The result with DeLong intervals in place of the percentile ones of ROC AUC (and their
   * replicate warnings dropped); unchanged where the variance is undefined.
   *
   * @param result the finished bootstrap result
   * @param original the report (with its reference group, if any)
   * @param table the unweighted, unclustered-analysis table with the positive class's scores
   * @param index the table's groups
   * @param confidence e.g. 0.95
   * @return the result with the analytic AUC intervals
   */
  static BootstrapResult apply(
      BootstrapResult result,
      GroupReport original,
      PredictionTable table,
      GroupIndex index,
      double confidence) {
    String label = original.positiveLabel().orElse(null);
    if (label == null || !table.hasScores(label) || table.isWeighted()) {
      return result;
    }
    int positive = table.classes().require(label);
    double[] scores = table.scores(label);
    List<GroupKey> keys = index.keys();
    Map<GroupKey, DeLong.Estimate> byGroup = new LinkedHashMap<>();
    Map<GroupKey, Interval> logits = new LinkedHashMap<>();
    for (int g = 0; g < keys.size(); g++) {
      DeLong.Estimate e = estimate(table, scores, positive, index, g);
      Interval i =
          e != null && matches(e, original.byGroup().get(keys.get(g)))
              ? logit(e, confidence)
              : null;
      if (i != null) {
        byGroup.put(keys.get(g), e);
        logits.put(keys.get(g), i);
      }
    }
    Edits edits = new Edits(result);
    if (index.droppedRows() == 0) {
      DeLong.Estimate all = estimate(table, scores, positive, index, -1);
      if (all != null && matches(all, original.overall())) {
        edits.put(ReportStatisticId.overall(Metric.ROC_AUC), logit(all, confidence), few(all));
      }
    }
    logits.forEach(
        (k, i) -> edits.put(ReportStatisticId.byGroup(k, Metric.ROC_AUC), i, few(byGroup.get(k))));
    GroupKey ref = original.reference().orElse(null);
    Interval a = ref == null ? null : logits.get(ref);
    if (a != null) {
      for (Map.Entry<GroupKey, Interval> e : logits.entrySet()) {
        if (e.getKey().equals(ref)) {
          continue;
        }
        boolean few = few(byGroup.get(ref)) || few(byGroup.get(e.getKey()));
        edits.put(
            ReportStatisticId.differenceToReference(e.getKey(), Metric.ROC_AUC),
            difference(e.getValue(), a),
            few);
        edits.put(
            ReportStatisticId.ratioToReference(e.getKey(), Metric.ROC_AUC),
            ratio(e.getValue(), a),
            few);
      }
    }
    if (logits.size() == 2 && definedGroups(original) == 2) {
      // Two groups: the gap max − min = |B − A|, by inverting a test of θ from the MOVER interval
      List<GroupKey> two = List.copyOf(logits.keySet());
      Interval a0 = logits.get(two.get(0));
      Interval b0 = logits.get(two.get(1));
      Interval d = difference(b0, a0);
      double reported = original.difference(Metric.ROC_AUC, DisparityMethod.BETWEEN_GROUPS).value();
      if (Math.abs(Math.abs(d.estimate()) - reported) <= 1e-9) {
        double[] g =
            FoldedInterval.of(
                d.estimate(), d.lower(), d.upper(), ScoreBounds.z(confidence), 1 - confidence);
        edits.put(
            ReportStatisticId.difference(DisparityMethod.BETWEEN_GROUPS, Metric.ROC_AUC),
            new Interval(reported, g[0], g[1], confidence, GAP),
            few(byGroup.get(two.get(0))) || few(byGroup.get(two.get(1))));
      }
    }
    return edits.result();
  }

  /** The number of groups whose AUC is defined in the report. */
  private static int definedGroups(GroupReport report) {
    int n = 0;
    for (MetricValues v : report.byGroup().values()) {
      n += v.has(Metric.ROC_AUC) && v.get(Metric.ROC_AUC).isDefined() ? 1 : 0;
    }
    return n;
  }

  /** Whether an AUC rests on fewer than {@link #FEW} positives or negatives. */
  private static boolean few(DeLong.Estimate e) {
    return Math.min(e.positives(), e.negatives()) < FEW;
  }

  /** The intervals, warnings and notes of a result being edited. */
  private static final class Edits {
    private final BootstrapResult result;
    private final Map<ReportStatisticId, Interval> intervals;
    private final Map<ReportStatisticId, String> warnings;
    private final Map<ReportStatisticId, String> intervalNotes;
    private final List<String> notes;

    Edits(BootstrapResult result) {
      this.result = result;
      intervals = new LinkedHashMap<>(result.intervals());
      warnings = new LinkedHashMap<>(result.warnings());
      intervalNotes = new LinkedHashMap<>(result.intervalNotes());
      notes = new ArrayList<>(result.notes());
    }

    /** Replaces a resampling interval (dropping its warnings), with the note when conservative. */
    void put(ReportStatisticId id, Interval i, boolean conservative) {
      if (i == null || !intervals.containsKey(id)) {
        return;
      }
      intervals.put(id, i);
      warnings.remove(id);
      if (conservative) {
        intervalNotes.put(id, FEW_NOTE);
        if (!notes.contains(FEW_NOTE)) {
          notes.add(FEW_NOTE);
        }
      }
    }

    BootstrapResult result() {
      return new BootstrapResult(
          result.resamples(),
          result.seed(),
          intervals,
          result.undefinedShare(),
          warnings,
          notes,
          intervalNotes);
    }
  }

  /**
   * logit(A) ± t·√V/(A(1−A)) mapped back, t Student's quantile with min(m, n) − 1 degrees of
   * freedom; null when A is 0 or 1 or V is 0.
   */
  static Interval logit(DeLong.Estimate e, double confidence) {
    double auc = e.auc();
    if (!(auc > 0 && auc < 1 && e.variance() > 0)) {
      return null;
    }
    double t = ScoreBounds.z(confidence, Math.min(e.positives(), e.negatives()) - 1.0);
    double l = Math.log(auc / (1 - auc));
    double half = t * Math.sqrt(e.variance()) / (auc * (1 - auc));
    return new Interval(auc, expit(l - half), expit(l + half), confidence, LOGIT);
  }

  /**
   * MOVER (Newcombe's hybrid) of B − A from the two logit intervals: B − A ∓ √((B − l_B)² + (u_A −
   * A)²) resp. √((u_B − B)² + (A − l_A)²).
   */
  static Interval difference(Interval b, Interval a) {
    double d = b.estimate() - a.estimate();
    double lo = d - Math.hypot(b.estimate() - b.lower(), a.upper() - a.estimate());
    double hi = d + Math.hypot(b.upper() - b.estimate(), a.estimate() - a.lower());
    return new Interval(d, lo, hi, b.confidence(), DIFFERENCE);
  }

  /** MOVER on the log scale of B / A from the two logit intervals. */
  static Interval ratio(Interval b, Interval a) {
    double[] r =
        ScoreBounds.moverRatio(
            b.estimate(), b.lower(), b.upper(), a.estimate(), a.lower(), a.upper());
    return r == null
        ? null
        : new Interval(b.estimate() / a.estimate(), r[0], r[1], b.confidence(), RATIO);
  }

  private static double expit(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** Whether DeLong's AUC is the report's (the same ties rule), so the interval is about it. */
  private static boolean matches(DeLong.Estimate e, MetricValues values) {
    if (values == null || !values.has(Metric.ROC_AUC)) {
      return false;
    }
    MetricValue v = values.get(Metric.ROC_AUC);
    return v.isDefined() && Math.abs(v.value() - e.auc()) <= 1e-9;
  }

  /** DeLong's estimate of group g's rows (g = −1: all rows), or null below two of either class. */
  private static DeLong.Estimate estimate(
      PredictionTable table, double[] scores, int positive, GroupIndex index, int g) {
    int n = 0;
    int m = 0;
    for (int i = 0; i < table.rowCount(); i++) {
      if (g < 0 || index.groupOf(i) == g) {
        n++;
        m += table.trueClass(i) == positive ? 1 : 0;
      }
    }
    if (m < 2 || n - m < 2) {
      return null;
    }
    double[] s = new double[n];
    boolean[] p = new boolean[n];
    for (int i = 0, k = 0; i < table.rowCount(); i++) {
      if (g < 0 || index.groupOf(i) == g) {
        s[k] = scores[i];
        p[k++] = table.trueClass(i) == positive;
      }
    }
    return DeLong.auc(s, p);
  }
}
