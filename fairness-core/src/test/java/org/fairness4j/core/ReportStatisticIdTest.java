package org.fairness4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  void groupExtremesAreIdsNamingTheirGroup() {
    assertEquals("group_min/recall", ReportStatisticId.groupMin(Metric.RECALL).key());
    assertEquals("group_max/fpr", ReportStatisticId.groupMax(Metric.FPR).key());
    for (ReportStatisticId id :
        List.of(
            ReportStatisticId.groupMin(Metric.RECALL), ReportStatisticId.groupMax(Metric.FPR))) {
      assertEquals(id, ReportStatisticId.parse(id.key()));
      assertTrue(id.isOverGroups());
      assertFalse(id.isDifference());
      assertEquals(List.of(id.metric()), id.components());
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ReportStatisticId(
                ReportStatisticId.Kind.GROUP_MIN,
                Metric.RECALL,
                null,
                GroupKey.of("F"),
                null,
                null));
    // F: recall 2/3, M: recall 1/3 (rows y,p per group).
    PredictionTable t =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(new int[] {1, 1, 1, 0, 1, 1, 1, 0}, new int[] {1, 1, 0, 0, 1, 0, 0, 1})
            .categorical("sex", new String[] {"F", "F", "F", "F", "M", "M", "M", "M"})
            .build();
    GroupReport r =
        FairnessEvaluator.builder().positiveLabel("1").build().evaluate(t, FeatureSet.of("sex"));
    Map<ReportStatisticId, GroupExtreme> ex = ReportNumbers.extremes(r);
    GroupExtreme min = ex.get(ReportStatisticId.groupMin(Metric.RECALL));
    GroupExtreme max = ex.get(ReportStatisticId.groupMax(Metric.RECALL));
    assertEquals(GroupKey.of("M"), min.group());
    assertEquals(1.0 / 3, min.value(), 1e-15);
    assertEquals(GroupKey.of("F"), max.group());
    assertEquals(2.0 / 3, max.value(), 1e-15);
    assertEquals(2 * r.metrics().size(), ex.size());
    // Extremes are not among the flattened numbers (the bootstrap's).
    assertTrue(
        ReportNumbers.of(r).keySet().stream()
            .noneMatch(id -> id.kind() == ReportStatisticId.Kind.GROUP_MIN));
  }

  @Test
  @SuppressWarnings("removal") // checks the deprecated key lookups too
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
    Set<ReportStatisticId> ids = r.undefinedShare().keySet();
    assertTrue(ids.size() > 100, ids.toString());
    for (ReportStatisticId id : ids) {
      assertEquals(id, ReportStatisticId.parse(id.key()));
    }
    // Typed lookups find the same intervals as the keys.
    ReportStatisticId recallF = ReportStatisticId.byGroup(GroupKey.of("F"), Metric.RECALL);
    assertEquals(r.interval("by_group/F/recall"), r.interval(recallF));
    assertEquals(r.warning("by_group/F/recall"), r.warning(recallF));
    assertEquals(r.note("by_group/F/recall"), r.note(recallF));
    // The deprecated key lookups delegate to the typed maps; an unknown key finds nothing.
    assertEquals(r.undefinedShare(recallF), r.undefinedShare("by_group/F/recall"));
    assertEquals(r.unqualified(recallF), r.unqualified("by_group/F/recall"));
    assertEquals(
        r.ids().stream().map(ReportStatisticId::key).toList(), List.copyOf(r.statistics()));
    assertTrue(Double.isNaN(r.undefinedShare("by_group/F/no_such_metric")));
    assertTrue(r.warning("not a key").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> r.interval("by_group/F/no_such_metric"));
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

  @Test
  void fairnessNamesAreTheNamesOfEveryReportsFairnessMap() {
    GroupReport r =
        FairnessEvaluator.builder()
            .positiveLabel("1")
            .build()
            .evaluate(
                org.fairness4j.core.report.AuditFixtures.table(),
                org.fairness4j.core.report.AuditFixtures.SITE);
    Set<String> named = new java.util.TreeSet<>();
    for (ReportStatisticId id : r.fairness().byId().keySet()) {
      named.add(id.fairnessName());
    }
    assertEquals(new java.util.TreeSet<>(FairnessMetrics.NAMES), named);
    assertEquals(6, FairnessMetrics.NAMES.size());
  }
}
