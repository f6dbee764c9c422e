package org.fairness4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fairness4j.core.bootstrap.GroupBootstrap;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * Report numbers have one typed identity with one canonical key: the key strings are the ones the
 * JSON and CSV writers have always written (the golden tests pin the files), and every key the
 * bootstrap produces parses back to an identity with the same key.
 */
class ReportStatisticIdTest {
  @Test
  void keysAreTheWrittenNames() {
    GroupKey f = GroupKey.parse("F|[0,40)");
    assertEquals("overall/recall", ReportStatisticId.overall(Metric.RECALL).key());
    assertEquals("by_group/F|[0,40)/fpr", ReportStatisticId.byGroup(f, Metric.FPR).key());
    assertEquals(
        "difference/between_groups/recall",
        ReportStatisticId.difference(DisparityMethod.BETWEEN_GROUPS, Metric.RECALL).key());
    assertEquals(
        "ratio/to_overall/selection_rate",
        ReportStatisticId.ratio(DisparityMethod.TO_OVERALL, Metric.SELECTION_RATE).key());
    assertEquals(
        "difference/to_reference/F|[0,40)/recall",
        ReportStatisticId.differenceToReference(f, Metric.RECALL).key());
    assertEquals(
        "fairness/equalized_odds_difference/between_groups/worst_case",
        ReportStatisticId.fairness(
                FairnessMetrics.EQUALIZED_ODDS_DIFFERENCE,
                DisparityMethod.BETWEEN_GROUPS,
                EqualizedOddsAggregation.WORST_CASE)
            .key());
    assertEquals(
        "demographic_parity_ratio/to_overall",
        FairnessMetrics.key(
            FairnessMetrics.DEMOGRAPHIC_PARITY_RATIO, DisparityMethod.TO_OVERALL, null));
  }

  @Test
  void everyBootstrapKeyParsesBackToItself() {
    List<Integer> y = new ArrayList<>();
    List<Integer> p = new ArrayList<>();
    List<String> g = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      y.add(i % 3 == 0 ? 1 : 0);
      p.add(i % 4 == 0 ? 1 : 0);
      g.add(i % 2 == 0 ? "F" : "M");
    }
    PredictionTable t =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(
                y.stream().mapToInt(Integer::intValue).toArray(),
                p.stream().mapToInt(Integer::intValue).toArray())
            .categorical("sex", g.toArray(String[]::new))
            .build();
    FairnessEvaluator e = FairnessEvaluator.builder().positiveLabel("1").build();
    var r =
        GroupBootstrap.builder()
            .resamples(20)
            .build()
            .evaluate(e, t, FeatureSet.of("sex"), GroupKey.of("M"));
    Set<String> keys = r.undefinedShare().keySet();
    assertTrue(keys.size() > 100, keys.toString());
    for (String k : keys) {
      assertEquals(k, ReportStatisticId.parse(k).key());
    }
    // Typed lookups find the same intervals as the keys.
    ReportStatisticId recallF = ReportStatisticId.byGroup(GroupKey.of("F"), Metric.RECALL);
    assertEquals(r.interval("by_group/F/recall"), r.interval(recallF));
    assertEquals(r.warning("by_group/F/recall"), r.warning(recallF));
    assertEquals(r.note("by_group/F/recall"), r.note(recallF));
    // The fairness map's typed keys agree with its string keys.
    GroupReport report = e.evaluate(t, FeatureSet.of("sex"));
    assertEquals(
        List.copyOf(report.fairness().asMap().keySet()),
        report.fairness().byId().keySet().stream().map(ReportStatisticId::localKey).toList());
  }

  @Test
  void differencesAreTypedNotSubstrings() {
    assertTrue(
        ReportStatisticId.fairness(
                FairnessMetrics.EQUAL_OPPORTUNITY_DIFFERENCE, DisparityMethod.BETWEEN_GROUPS, null)
            .isDifference());
    assertFalse(
        ReportStatisticId.fairness(
                FairnessMetrics.EQUALIZED_ODDS_RATIO,
                DisparityMethod.BETWEEN_GROUPS,
                EqualizedOddsAggregation.MEAN)
            .isDifference());
    assertFalse(ReportStatisticId.ratio(DisparityMethod.BETWEEN_GROUPS, Metric.FPR).isDifference());
  }

  @Test
  void badKeysAndBadCombinationsAreRefused() {
    for (String bad :
        List.of(
            "recall",
            "overall/no_such_metric",
            "difference/sideways/recall",
            "fairness/equalized_odds_difference/between_groups",
            "fairness/demographic_parity_difference/between_groups/mean",
            "fairness/made_up/between_groups",
            "nonsense/recall")) {
      IllegalArgumentException x =
          assertThrows(IllegalArgumentException.class, () -> ReportStatisticId.parse(bad), bad);
      assertTrue(x.getMessage().contains("'" + bad + "'"), x.getMessage());
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ReportStatisticId(
                ReportStatisticId.Kind.BY_GROUP, Metric.RECALL, null, null, null, null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ReportStatisticId(
                ReportStatisticId.Kind.OVERALL,
                Metric.RECALL,
                null,
                null,
                DisparityMethod.BETWEEN_GROUPS,
                null));
  }

  @Test
  void fairnessIsNeverNullAndEmptyOnesSayWhy() {
    // A multiclass report has the means over its per-class reports.
    PredictionTable t =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1, 2))
            .labels(new int[] {0, 1, 2, 0, 1, 2}, new int[] {0, 1, 1, 0, 2, 2})
            .categorical("sex", new String[] {"F", "F", "F", "M", "M", "M"})
            .build();
    GroupReport r = FairnessEvaluator.builder().build().evaluate(t, FeatureSet.of("sex"));
    assertFalse(r.fairness().isEmpty());
    assertTrue(r.fairness().emptyReason().isEmpty());
    // Without any (a multiclass report built without per-class reports): empty, with the reason,
    // and asking for a value names it.
    FairnessMetrics none = FairnessMetrics.none("no per-class reports");
    assertTrue(none.isEmpty());
    assertTrue(none.byId().isEmpty());
    IllegalArgumentException x =
        assertThrows(
            IllegalArgumentException.class,
            () -> none.demographicParityDifference(DisparityMethod.BETWEEN_GROUPS));
    assertTrue(x.getMessage().contains("no per-class reports"), x.getMessage());
  }
}
