package org.fairness4j.models.dl4j;

import java.util.Optional;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.EqualizedOddsAggregation;
import org.fairness4j.core.FairnessMetrics;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.metrics.Metric;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.IMetric;

/**
 * Fairness summaries a {@link Dl4jFairnessEvaluation} returns from {@link
 * Dl4jFairnessEvaluation#getValue(IMetric)}, so that DL4J code that selects models by an {@code
 * IMetric} (early stopping, checkpoint selection) can select by fairness. Each is computed on the
 * evaluation's first feature set; NaN when undefined.
 */
public enum Dl4jFairnessMetric implements IMetric {
  /** The lowest group accuracy (maximise). */
  WORST_GROUP_ACCURACY(false),
  /** Largest minus smallest group accuracy (minimise). */
  ACCURACY_DIFFERENCE(true),
  /** Largest minus smallest group macro F1 (minimise). */
  MACRO_F1_DIFFERENCE(true),
  /** Mean over classes of the one-vs-rest equalized-odds difference, worst case (minimise). */
  EQUALIZED_ODDS_DIFFERENCE(true);

  private final boolean minimize;

  Dl4jFairnessMetric(boolean minimize) {
    this.minimize = minimize;
  }

  /**
   * Returns the report number this metric reads, for a binary or a multiclass report: empty for
   * {@link #WORST_GROUP_ACCURACY} (a group minimum, not a report number). For a multiclass report
   * {@link #EQUALIZED_ODDS_DIFFERENCE} is the mean of this number over the per-class reports.
   *
   * @param binary whether the report is binary
   * @return the identity, or empty
   */
  public Optional<ReportStatisticId> statistic(boolean binary) {
    return switch (this) {
      case WORST_GROUP_ACCURACY -> Optional.empty();
      case ACCURACY_DIFFERENCE ->
          Optional.of(
              ReportStatisticId.difference(DisparityMethod.BETWEEN_GROUPS, Metric.ACCURACY));
      case MACRO_F1_DIFFERENCE ->
          Optional.of(
              ReportStatisticId.difference(
                  DisparityMethod.BETWEEN_GROUPS, binary ? Metric.F1 : Metric.MACRO_F1));
      case EQUALIZED_ODDS_DIFFERENCE ->
          Optional.of(
              ReportStatisticId.fairness(
                  FairnessMetrics.EQUALIZED_ODDS_DIFFERENCE,
                  DisparityMethod.BETWEEN_GROUPS,
                  EqualizedOddsAggregation.WORST_CASE));
    };
  }

  @Override
  public Class<? extends IEvaluation> getEvaluationClass() {
    return Dl4jFairnessEvaluation.class;
  }

  @Override
  public boolean minimize() {
    return minimize;
  }
}
