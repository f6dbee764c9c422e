package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

class UnmeasuredDesignsTest {
  @Test
  void theRuleReadsTheDesignOnly() {
    // measured designs: no warning
    assertNull(UnmeasuredDesigns.design(Metric.RECALL, true, false, false));
    assertNull(UnmeasuredDesigns.design(Metric.F1, true, false, true));
    assertNull(UnmeasuredDesigns.design(Metric.ROC_AUC, true, false, false));
    assertNull(UnmeasuredDesigns.design(Metric.RECALL, true, true, false));
    assertNull(UnmeasuredDesigns.design(Metric.ACCURACY, false, false, false));
    // unmeasured ones
    assertEquals(
        "weighted rows with clusters", UnmeasuredDesigns.design(Metric.RECALL, true, true, true));
    assertEquals("weighted rows, f1", UnmeasuredDesigns.design(Metric.F1, true, true, false));
    assertEquals("clusters, roc_auc", UnmeasuredDesigns.design(Metric.ROC_AUC, true, false, true));
    assertEquals(
        "multiclass, clusters", UnmeasuredDesigns.design(Metric.ACCURACY, false, false, true));
    assertEquals(
        "multiclass, weighted rows", UnmeasuredDesigns.design(Metric.ACCURACY, false, true, false));
  }

  @Test
  void weightedF1GapIsWarnedGroupF1AndRecallAreNot() {
    SplittableRandom rng = new SplittableRandom(4);
    int n = 400;
    int[] y = new int[n];
    int[] p = new int[n];
    double[] w = new double[n];
    String[] g = new String[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextDouble() < 0.4 ? 1 : 0;
      p[i] = rng.nextDouble() < (y[i] == 1 ? 0.8 : 0.1) ? 1 : 0;
      w[i] = 1 + rng.nextInt(3);
      g[i] = i % 2 == 0 ? "A" : "B";
    }
    PredictionTable t =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(y, p)
            .weights(w)
            .categorical("g", g)
            .build();
    BootstrapResult r =
        GroupBootstrap.builder()
            .resamples(50)
            .seed(1)
            .build()
            .evaluate(
                FairnessEvaluator.builder().positiveLabel("1").build(),
                t,
                FeatureSet.of("g"),
                GroupKey.of("A"));
    ReportStatisticId f1 = ReportStatisticId.parse("by_group/A/f1");
    ReportStatisticId recall = ReportStatisticId.parse("by_group/A/recall");
    ReportStatisticId gap = ReportStatisticId.parse("difference/between_groups/f1");
    // a group's weighted F1 has the Kish score interval (measured, session 10 h22w); the gap
    // between groups keeps the percentile interval and a warning (the extremes' one here)
    assertEquals(WeightedCompositeIntervals.F1_METHOD, r.intervals().get(f1).method());
    assertFalse(r.warning(f1).map(x -> x.contains("not measured")).orElse(false));
    assertEquals("bootstrap-percentile", r.intervals().get(gap).method());
    assertTrue(r.warning(gap).isPresent());
    assertFalse(r.warning(recall).map(x -> x.contains("not measured")).orElse(false));
  }
}
