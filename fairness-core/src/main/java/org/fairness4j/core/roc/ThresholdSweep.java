package org.fairness4j.core.roc;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.table.PredictionTable;

/**
 * Group reports of a binary table at other decision thresholds: the predicted label becomes the
 * positive class where its score ≥ t, the other class elsewhere. Use it to apply a threshold fitted
 * on a validation split ({@link Thresholds}) to the test split, or to trace how gaps move with t.
 */
public final class ThresholdSweep {
  private ThresholdSweep() {}

  /**
   * Re-thresholds a two-class table.
   *
   * @param table the predictions, exactly two classes, with scores for the positive label
   * @param positiveLabel the positive class
   * @param threshold predict positive where score ≥ threshold
   * @return a table with the new predicted labels (scores, weights, attributes, clusters kept)
   */
  public static PredictionTable apply(
      PredictionTable table, String positiveLabel, double threshold) {
    if (table.classes().size() != 2) {
      throw new IllegalArgumentException(
          "thresholds apply to two-class tables; classes: " + table.classes());
    }
    double[] t = new double[table.rowCount()];
    java.util.Arrays.fill(t, threshold);
    return apply(table, positiveLabel, t);
  }

  /** Re-thresholds a two-class table with a threshold per row. */
  static PredictionTable apply(PredictionTable table, String positiveLabel, double[] threshold) {
    if (table.classes().size() != 2) {
      throw new IllegalArgumentException(
          "thresholds apply to two-class tables; classes: " + table.classes());
    }
    int pos = table.classes().require(positiveLabel);
    int neg = 1 - pos;
    double[] s = table.scores(positiveLabel);
    int[] yPred = new int[table.rowCount()];
    for (int i = 0; i < yPred.length; i++) {
      yPred[i] = s[i] >= threshold[i] ? pos : neg;
    }
    return table.withPredictions(yPred);
  }

  /**
   * Group reports at each of several thresholds.
   *
   * @param evaluator a binary evaluator whose positive label has scores
   * @param table the predictions
   * @param features the groups
   * @param positiveLabel the positive class
   * @param thresholds the thresholds, in the order wanted
   * @return threshold to report
   */
  public static Map<Double, GroupReport> sweep(
      FairnessEvaluator evaluator,
      PredictionTable table,
      FeatureSet features,
      String positiveLabel,
      double... thresholds) {
    Map<Double, GroupReport> out = new LinkedHashMap<>();
    for (double t : thresholds) {
      out.put(t, evaluator.evaluate(apply(table, positiveLabel, t), features));
    }
    return out;
  }
}
