package org.fairness4j.core.bootstrap;

import java.util.Map;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.stats.ProportionIntervals;

/**
 * Score intervals of the macro averages of a multiclass, unweighted, unclustered report that are
 * means of K proportions on disjoint rows (session 10, h22x): macro recall (and multiclass balanced
 * accuracy, the mean recall over the classes present) and macro precision, of a group and overall,
 * and a group's signed difference and ratio to the reference group. They replace the percentile
 * intervals (docs/coverage-study.md, "Session 10 (h22x)").
 *
 * <ul>
 *   <li>Macro recall (1/K) Σ x_k/n_k: x_k, the class's correct predictions among its n_k true rows,
 *       is binomial given n_k, and the K classes' rows are disjoint, so given the true-class counts
 *       the K recalls are independent. MOVER for a sum (Zou &amp; Donner 2008) from the K modified
 *       Wilson intervals [l_k, u_k] ({@link ProportionIntervals#modifiedWilson}): mean ∓ √(Σ (r_k −
 *       l_k)²)/K below and √(Σ (u_k − r_k)²)/K above ({@code mover-wilson-macro}; {@code
 *       mover-wilson-modified-macro} where a component used its Poisson bound). For K = 2 this is
 *       the balanced-accuracy interval of {@link CompositeIntervals#of}.
 *   <li>Macro precision (1/K) Σ x_k/m_k over the predicted classes: under multinomial sampling of
 *       the rows the K columns of the confusion matrix are, given the predicted counts m_k,
 *       independent multinomials, so x_k given m_k is binomial and the K precisions are
 *       independent: the same construction over columns.
 *   <li>Differences and ratios to the reference: {@link CompositeIntervals#difference} and {@link
 *       CompositeIntervals#ratio} (MOVER; on the log scale for the ratio).
 * </ul>
 *
 * A statistic whose value does not equal the mean computed here (an undefined class component
 * counted as 0 by the evaluator's policy, say) keeps its resampling interval.
 */
final class MulticlassIntervals {
  private static final String METHOD = "mover-wilson-macro";
  private static final String MODIFIED_METHOD = "mover-wilson-modified-macro";

  private MulticlassIntervals() {}

  /** Replaces the intervals of macro recall, macro precision and balanced accuracy. */
  static void apply(
      GroupReport report,
      GroupKey reference,
      double confidence,
      Map<ReportStatisticId, Interval> out) {
    if (report.isBinary()) {
      return;
    }
    for (Map.Entry<ReportStatisticId, Interval> e : out.entrySet()) {
      ReportStatisticId id = e.getKey();
      double estimate = e.getValue().estimate();
      if (!isTarget(id.metric()) || Double.isNaN(estimate)) {
        continue;
      }
      Interval i =
          switch (id.kind()) {
            case OVERALL -> of(id.metric(), report.overallConfusionMatrix(), confidence);
            case BY_GROUP -> of(id.metric(), report.confusionMatrix(id.group()), confidence);
            case DIFFERENCE, RATIO -> toReference(report, id, reference, confidence);
            default -> null;
          };
      if (i != null && Math.abs(i.estimate() - estimate) <= 1e-9 * Math.max(1, estimate)) {
        e.setValue(i);
      }
    }
  }

  private static Interval toReference(
      GroupReport report, ReportStatisticId id, GroupKey reference, double confidence) {
    if (id.method() != DisparityMethod.TO_REFERENCE || reference == null) {
      return null;
    }
    Interval one = of(id.metric(), report.confusionMatrix(id.group()), confidence);
    Interval zero = of(id.metric(), report.confusionMatrix(reference), confidence);
    return id.kind() == ReportStatisticId.Kind.DIFFERENCE
        ? CompositeIntervals.difference(one, zero)
        : CompositeIntervals.ratio(one, zero);
  }

  /** Whether a metric gets an interval here. */
  static boolean isTarget(Metric m) {
    return m == Metric.MACRO_RECALL || m == Metric.MACRO_PRECISION || m == Metric.BALANCED_ACCURACY;
  }

  /** Whether an interval's method is one made here (or a difference or ratio of them). */
  static boolean isMethod(String method) {
    return method.endsWith("-macro");
  }

  /**
   * The interval of a macro average from a K×K matrix [true][predicted] of whole counts; null where
   * a component is undefined (macro recall: a class without true rows, macro precision: without
   * predicted rows; balanced accuracy leaves classes without true rows out, as its value does).
   */
  static Interval of(Metric metric, double[][] m, double confidence) {
    int k = m.length;
    boolean columns = metric == Metric.MACRO_PRECISION;
    double sum = 0;
    double below = 0;
    double above = 0;
    int used = 0;
    boolean modified = false;
    for (int c = 0; c < k; c++) {
      long x = Math.round(m[c][c]);
      long n = 0;
      for (int j = 0; j < k; j++) {
        n += Math.round(columns ? m[j][c] : m[c][j]);
      }
      if (n == 0) {
        if (metric == Metric.BALANCED_ACCURACY) {
          continue;
        }
        return null;
      }
      Interval w = ProportionIntervals.modifiedWilson(x, n, confidence);
      double r = x / (double) n;
      sum += r;
      below += (r - w.lower()) * (r - w.lower());
      above += (w.upper() - r) * (w.upper() - r);
      modified |= w.method().contains("modified");
      used++;
    }
    if (used == 0) {
      return null;
    }
    double mean = sum / used;
    return new Interval(
        mean,
        Math.max(0, mean - Math.sqrt(below) / used),
        Math.min(1, mean + Math.sqrt(above) / used),
        confidence,
        modified ? MODIFIED_METHOD : METHOD);
  }
}
