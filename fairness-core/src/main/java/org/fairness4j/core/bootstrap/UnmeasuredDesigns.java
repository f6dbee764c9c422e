package org.fairness4j.core.bootstrap;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.Interval;

/**
 * Warns on the resampling (percentile or BCa) intervals whose design no coverage measurement of the
 * project covers, so that every interval reported without a warning is one whose coverage was
 * measured (issue 22; docs/statistics.md, "Which interval each number gets"). The coverage study
 * simulates binary tables (unweighted, clustered or not; weighted and scored without clusters) and
 * three-class tables without clusters or weights; not measured, hence warned: any number of a
 * weighted table with {@code --cluster}; F1, balanced accuracy and AUC of a weighted table (F1 and
 * balanced accuracy of a group, overall and to the reference have measured Kish score intervals
 * since session 10, h22w, {@link WeightedCompositeIntervals}, which the rule never sees); AUC and
 * macro AUC with {@code --cluster}; any number of a multiclass table with {@code --cluster} or
 * weights. The rule reads the design only, never the counts, so it selects no tables.
 */
final class UnmeasuredDesigns {
  /** The warning. */
  static final String WARNING =
      "coverage not measured for this design (%s): a resampling interval whose coverage at its"
          + " level is unknown (docs/statistics.md lists the measured kinds)";

  private UnmeasuredDesigns() {}

  /**
   * The result with the warning on every unwarned resampling interval of an unmeasured design.
   *
   * @param result the finished result
   * @param report the report
   * @param weighted whether the table's rows are weighted
   * @param clustered whether clusters were resampled
   * @return the result, with warnings added where they apply
   */
  static BootstrapResult warn(
      BootstrapResult result, GroupReport report, boolean weighted, boolean clustered) {
    Map<ReportStatisticId, String> warnings = new LinkedHashMap<>(result.warnings());
    boolean changed = false;
    for (Map.Entry<ReportStatisticId, Interval> e : result.intervals().entrySet()) {
      ReportStatisticId id = e.getKey();
      if (!e.getValue().method().startsWith("bootstrap") || warnings.containsKey(id)) {
        continue;
      }
      String design = design(id.metric(), report.isBinary(), weighted, clustered);
      if (design != null) {
        warnings.put(id, String.format(WARNING, design));
        changed = true;
      }
    }
    if (!changed) {
      return result;
    }
    return result.withIntervals(result.intervals(), warnings);
  }

  /** The unmeasured design a number belongs to, or null when its design was measured. */
  static String design(Metric metric, boolean binary, boolean weighted, boolean clustered) {
    if (weighted && clustered) {
      return "weighted rows with clusters";
    }
    if (!binary && (weighted || clustered)) {
      return weighted ? "multiclass, weighted rows" : "multiclass, clusters";
    }
    boolean auc = metric == Metric.ROC_AUC || metric == Metric.MACRO_ROC_AUC;
    if (weighted && (auc || metric == Metric.F1 || metric == Metric.BALANCED_ACCURACY)) {
      return "weighted rows, " + metric.key();
    }
    if (clustered && auc) {
      return "clusters, " + metric.key();
    }
    return null;
  }
}
