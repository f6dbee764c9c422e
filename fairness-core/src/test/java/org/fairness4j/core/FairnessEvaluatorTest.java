package org.fairness4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.ConfusionStatistics;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.UndefinedPolicy;
import org.fairness4j.core.metrics.UndefinedReason;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.MissingValuePolicy;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.SensitiveAttribute;
import org.junit.jupiter.api.Test;

class FairnessEvaluatorTest {
  private static final FairnessEvaluator BINARY =
      FairnessEvaluator.builder().positiveLabel("1").build();

  /** Groups a (TPR 1/2), b (TPR 1), c (TPR 0). */
  private static PredictionTable threeGroups() {
    return PredictionTable.builder()
        .labels(new int[] {1, 1, 0, 1, 0, 1, 0}, new int[] {1, 0, 0, 1, 1, 0, 0})
        .categorical("g", "a", "a", "a", "b", "b", "c", "c")
        .build();
  }

  @Test
  void toReferenceIsSignedAgainstTheNamedGroup() {
    GroupReport r = BINARY.evaluate(threeGroups(), FeatureSet.of("g"));
    GroupKey a = GroupKey.of("a");
    Disparity d = r.difference(Metric.RECALL, a);
    assertEquals(DisparityMethod.TO_REFERENCE, d.method());
    assertEquals(0.5, Math.abs(d.value()));
    assertEquals(a, d.groups().get(1));
    assertEquals(
        Map.of(a, 0.0, GroupKey.of("b"), 0.5, GroupKey.of("c"), -0.5),
        r.differencesTo(Metric.RECALL, a));
    Disparity q = r.ratio(Metric.RECALL, a);
    assertEquals(0.0, q.value());
    assertEquals(List.of(GroupKey.of("c"), a), q.groups());
    assertTrue(r.fairness(a).equalOpportunityDifference(DisparityMethod.TO_REFERENCE).isDefined());
    assertThrows(
        IllegalArgumentException.class, () -> r.difference(Metric.RECALL, GroupKey.of("z")));
    assertThrows(
        IllegalArgumentException.class,
        () -> r.difference(Metric.RECALL, DisparityMethod.TO_REFERENCE));
  }

  @Test
  void ratioOverAZeroMaximumIsUndefinedNotNan() {
    PredictionTable t =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(new int[] {0, 0}, new int[] {0, 0})
            .categorical("g", "a", "b")
            .build();
    GroupReport r = BINARY.evaluate(t, FeatureSet.of("g"));
    Disparity q = r.ratio(Metric.SELECTION_RATE, DisparityMethod.BETWEEN_GROUPS);
    assertEquals(UndefinedReason.ZERO_DENOMINATOR, q.reason());
    Disparity all = r.difference(Metric.RECALL, DisparityMethod.BETWEEN_GROUPS);
    assertEquals(UndefinedReason.NO_DEFINED_GROUPS, all.reason());
    assertEquals(List.of(GroupKey.of("a"), GroupKey.of("b")), all.skipped());
  }

  @Test
  void droppedMissingValuesLeaveOnlyTheFeatureSetsThatUseTheAttribute() {
    PredictionTable t =
        PredictionTable.builder()
            .labels(new int[] {1, 0, 1, 0}, new int[] {1, 0, 0, 0})
            .categorical("sex", "F", "M", "F", "M")
            .attribute(
                SensitiveAttribute.binned(
                    "age",
                    new double[] {30, Double.NaN, 70, 10},
                    Binning.edges(0, 60),
                    MissingValuePolicy.DROP))
            .build();
    List<GroupReport> r =
        BINARY.evaluate(t, List.of(FeatureSet.of("sex"), FeatureSet.of("sex", "age")));
    assertEquals(4, r.get(0).n());
    assertEquals(0, r.get(0).droppedRows());
    assertEquals(3, r.get(1).n());
    assertEquals(1, r.get(1).droppedRows());
    assertEquals(1, r.get(1).attributes().get(1).missingRows());
    assertEquals(List.of(GroupKey.of("M", "[60,inf)")), r.get(1).emptyGroups());
  }

  @Test
  void errorPolicyThrowsNamingGroupMetricAndReason() {
    FairnessEvaluator strict =
        FairnessEvaluator.builder()
            .positiveLabel("1")
            .undefinedPolicy(UndefinedPolicy.ERROR)
            .build();
    PredictionTable t = threeGroups();
    ArithmeticException e =
        assertThrows(ArithmeticException.class, () -> strict.evaluate(t, FeatureSet.of("g")));
    assertTrue(e.getMessage().contains("group b of g"), e.getMessage());
    assertTrue(e.getMessage().contains("npv (NO_PREDICTED_NEGATIVES)"), e.getMessage());
  }

  @Test
  void weightsScaleRatesButNotCounts() {
    PredictionTable t =
        PredictionTable.builder()
            .labels(new int[] {1, 1, 0}, new int[] {1, 0, 0})
            .weights(new double[] {3, 1, 2})
            .categorical("g", "a", "a", "a")
            .build();
    GroupReport r = BINARY.evaluate(t, FeatureSet.of("g"));
    assertEquals(3.0, r.overall().value(Metric.COUNT));
    assertEquals(0.75, r.overall().value(Metric.RECALL));
    assertEquals(5.0 / 6, r.overall().value(Metric.ACCURACY));
  }

  @Test
  void reportsFromAccumulatedBatchesEqualReportsFromTheTable() {
    PredictionTable t = threeGroups();
    ConfusionStatistics.Accumulator acc = new ConfusionStatistics.Accumulator(3, 2);
    for (int i = 0; i < t.rowCount(); i++) {
      acc.add(t.requireAttribute("g").code(i), t.trueClass(i), t.predictedClass(i), 1.0);
    }
    List<GroupKey> keys = List.of(GroupKey.of("a"), GroupKey.of("b"), GroupKey.of("c"));
    GroupReport fromStats =
        BINARY.report(FeatureSet.of("g"), keys, ClassLabels.ofInts(0, 1), acc.build());
    GroupReport direct = BINARY.evaluate(t, FeatureSet.of("g"));
    assertEquals(
        direct.group(GroupKey.of("a")).get(Metric.F1),
        fromStats.group(GroupKey.of("a")).get(Metric.F1));
    assertFalse(fromStats.overall().has(Metric.ROC_AUC));
    assertEquals(
        direct
            .fairness()
            .equalizedOddsRatio(DisparityMethod.TO_OVERALL, EqualizedOddsAggregation.MEAN),
        fromStats
            .fairness()
            .equalizedOddsRatio(DisparityMethod.TO_OVERALL, EqualizedOddsAggregation.MEAN));
  }

  @Test
  void multiclassFairnessIsTheMeanOverClassesOfOneVsRest() {
    PredictionTable t =
        PredictionTable.builder()
            .labels(new int[] {0, 1, 2, 0, 1, 2}, new int[] {0, 1, 1, 0, 2, 2})
            .categorical("g", "a", "a", "a", "b", "b", "b")
            .build();
    GroupReport r = FairnessEvaluator.builder().build().evaluate(t, FeatureSet.of("g"));
    assertFalse(r.isBinary());
    assertEquals(List.of("0", "1", "2"), List.copyOf(r.perClass().keySet()));
    double sum = 0;
    for (GroupReport c : r.perClass().values()) {
      sum += c.fairness().demographicParityDifference(DisparityMethod.BETWEEN_GROUPS).value();
    }
    assertEquals(
        sum / 3,
        r.fairness().demographicParityDifference(DisparityMethod.BETWEEN_GROUPS).value(),
        1e-15);
    double[][] m = r.confusionMatrix(GroupKey.of("b"));
    assertEquals(1.0, m[1][2]);
  }

  @Test
  void parallelAndSequentialStatisticsAgreeOnLargeTables() {
    int n = (1 << 20) + 12345;
    int[] y = new int[n];
    int[] p = new int[n];
    String[] g = new String[n];
    for (int i = 0; i < n; i++) {
      y[i] = (i * 7) % 3 == 0 ? 1 : 0;
      p[i] = (i * 11) % 5 < 2 ? 1 : 0;
      g[i] = (i % 3 == 0) ? "a" : "b";
    }
    PredictionTable t = PredictionTable.builder().labels(y, p).categorical("g", g).build();
    GroupReport par = BINARY.evaluate(t, FeatureSet.of("g"));
    GroupReport seq =
        FairnessEvaluator.builder()
            .positiveLabel("1")
            .parallel(false)
            .build()
            .evaluate(t, FeatureSet.of("g"));
    assertEquals(seq.byGroup(), par.byGroup());
    assertEquals(n, par.n());
  }
}
