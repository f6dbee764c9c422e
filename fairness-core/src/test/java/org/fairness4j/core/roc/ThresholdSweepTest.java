package org.fairness4j.core.roc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

class ThresholdSweepTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();

  private static PredictionTable table() {
    return PredictionTable.builder()
        .labels(new int[] {1, 1, 0, 0, 1, 0}, new int[] {1, 0, 0, 1, 1, 0})
        .scores("1", new double[] {0.9, 0.4, 0.2, 0.6, 0.7, 0.3})
        .categorical("g", "a", "a", "a", "b", "b", "b")
        .build();
  }

  @Test
  void recallFallsAndSelectionShrinksAsTheThresholdRises() {
    Map<Double, GroupReport> r =
        ThresholdSweep.sweep(EVALUATOR, table(), FeatureSet.of("g"), "1", 0.0, 0.5, 1.0);
    assertEquals(1.0, r.get(0.0).overall().value(Metric.RECALL));
    assertEquals(1.0, r.get(0.0).overall().value(Metric.SELECTION_RATE));
    assertEquals(2.0 / 3, r.get(0.5).overall().value(Metric.RECALL), 1e-15);
    assertEquals(0.5, r.get(0.5).group(GroupKey.of("a")).value(Metric.RECALL));
    assertEquals(0.0, r.get(1.0).overall().value(Metric.SELECTION_RATE));
    assertTrue(r.get(1.0).overall().value(Metric.ROC_AUC) > 0.5);
  }

  @Test
  void aThresholdFittedOnOneSplitIsAppliedToAnother() {
    PredictionTable validation = table();
    double t =
        Thresholds.youden(
            validation.scores("1"), new boolean[] {true, true, false, false, true, false});
    PredictionTable test = ThresholdSweep.apply(table(), "1", t);
    for (int i = 0; i < test.rowCount(); i++) {
      assertEquals(table().score("1", i) >= t ? 1 : 0, test.predictedClass(i));
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ThresholdSweep.apply(
                PredictionTable.builder()
                    .labels(new int[] {0, 1, 2}, new int[] {0, 1, 2})
                    .scores("1", new double[] {0.1, 0.2, 0.3})
                    .build(),
                "1",
                0.5));
  }
}
