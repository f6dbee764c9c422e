package org.fairness4j.models.dl4j;

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

  @Override
  public Class<? extends IEvaluation> getEvaluationClass() {
    return Dl4jFairnessEvaluation.class;
  }

  @Override
  public boolean minimize() {
    return minimize;
  }
}
