package org.fairness4j.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.fairness4j.core.DisparityMethod;
import org.fairness4j.core.EqualizedOddsAggregation;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.table.Binning;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.evaluation.OnlineEvaluator;
import org.tribuo.evaluation.metrics.MetricID;
import org.tribuo.evaluation.metrics.MetricTarget;

class TribuoFairnessEvaluatorTest {
  private static final double EPS = 1e-12;

  private final MutableDataset<Label> train = TribuoData.threeClass(1, 900);
  private final MutableDataset<Label> test = TribuoData.threeClass(2, 600);
  private final Model<Label> model = TribuoData.logistic(train);

  private TribuoFairnessEvaluator evaluator(String positive) {
    return TribuoFairnessEvaluator.builder()
        .table(TribuoTableSpec.builder().categorical("group").categorical("site").build())
        .evaluator(FairnessEvaluator.builder().positiveLabel(positive).build())
        .build();
  }

  @Test
  void overallValuesEqualTribuosOwnEvaluation() {
    LabelEvaluation tribuo = new LabelEvaluator().evaluate(model, test);
    TribuoFairnessEvaluation ours = evaluator(null).evaluate(model, test);
    GroupReport r = ours.report();
    assertEquals(tribuo.accuracy(), r.overall().value(Metric.ACCURACY), EPS);
    assertEquals(tribuo.macroAveragedF1(), r.overall().value(Metric.MACRO_F1), EPS);
    assertEquals(tribuo.macroAveragedPrecision(), r.overall().value(Metric.MACRO_PRECISION), EPS);
    assertEquals(tribuo.macroAveragedRecall(), r.overall().value(Metric.MACRO_RECALL), EPS);
    assertEquals(tribuo.microAveragedF1(), r.overall().value(Metric.MICRO_F1), EPS);
    for (String c : List.of("a", "b", "c")) {
      Label l = new Label(c);
      GroupReport pc = r.perClass().get(c);
      assertEquals(tribuo.f1(l), pc.overall().value(Metric.F1), EPS, c);
      assertEquals(tribuo.precision(l), pc.overall().value(Metric.PRECISION), EPS, c);
      assertEquals(tribuo.recall(l), pc.overall().value(Metric.RECALL), EPS, c);
      assertEquals(tribuo.tp(l), pc.overall().value(Metric.RECALL) * countTrue(c), 1e-9, c);
      assertEquals(tribuo.AUCROC(l), pc.overall().value(Metric.ROC_AUC), 1e-12, c);
    }
  }

  private long countTrue(String c) {
    return test.getData().stream().filter(e -> e.getOutput().getLabel().equals(c)).count();
  }

  @Test
  void groupValuesEqualTribuoEvaluatedOnEachGroupAlone() {
    TribuoFairnessEvaluation ours = evaluator(null).evaluate(model, test);
    GroupReport byGroup = ours.report(FeatureSet.of("group"));
    for (String g : List.of("g0", "g1", "g2")) {
      List<Prediction<Label>> preds =
          model.predict(test).stream()
              .filter(p -> p.getExample().getMetadataValue("group").orElseThrow().equals(g))
              .toList();
      LabelEvaluation alone = new LabelEvaluator().evaluate(model, preds, test.getProvenance());
      assertEquals(alone.accuracy(), byGroup.group(GroupKey.of(g)).value(Metric.ACCURACY), EPS, g);
      assertEquals(
          alone.macroAveragedF1(), byGroup.group(GroupKey.of(g)).value(Metric.MACRO_F1), EPS, g);
    }
    // g2 was built noisier, so it is the worst group.
    assertEquals(GroupKey.of("g2"), byGroup.groupMin(Metric.ACCURACY).group());
  }

  @Test
  void missingMetadataFormsItsOwnGroup() {
    GroupReport site = evaluator(null).evaluate(model, test).report(FeatureSet.of("site"));
    assertTrue(site.groups().contains(GroupKey.of("<missing>")), site.groups().toString());
    long missing =
        test.getData().stream().filter(e -> e.getMetadataValue("site").isEmpty()).count();
    assertTrue(missing > 0);
    assertEquals(missing, site.group(GroupKey.of("<missing>")).value(Metric.COUNT));
  }

  @Test
  void asMapUsesTribuoTargetsAndMatchesTheReports() {
    TribuoFairnessEvaluation ours = evaluator(null).evaluate(model, test);
    Map<MetricID<Label>, Double> map = ours.asMap();
    GroupReport r = ours.report();
    assertEquals(
        r.overall().value(Metric.ACCURACY),
        ours.get(new MetricID<>(MetricTarget.<Label>microAverageTarget(), "accuracy")),
        0);
    assertEquals(
        r.overall().value(Metric.MACRO_F1),
        ours.get(new MetricID<>(MetricTarget.<Label>macroAverageTarget(), "macro_f1")),
        0);
    GroupReport b = r.perClass().get("b");
    MetricTarget<Label> tb = new MetricTarget<>(new Label("b"));
    assertEquals(
        b.group(GroupKey.of("g1")).value(Metric.RECALL),
        map.get(new MetricID<>(tb, "recall/group=g1")),
        0);
    assertEquals(
        b.fairness()
            .equalizedOddsDifference(
                DisparityMethod.BETWEEN_GROUPS, EqualizedOddsAggregation.WORST_CASE)
            .value(),
        map.get(new MetricID<>(tb, "equalized_odds_difference/group/between_groups/worst_case")),
        0);
    assertEquals(
        b.difference(Metric.F1, DisparityMethod.BETWEEN_GROUPS).value(),
        map.get(new MetricID<>(tb, "f1/group/difference/between_groups")),
        0);
    assertTrue(map.containsKey(new MetricID<>(tb, "recall/group+site=g2|north")));
    assertThrows(UnsupportedOperationException.class, () -> map.put(null, 1.0));
  }

  @Test
  void binaryEvaluationTargetsThePositiveLabel() {
    TribuoFairnessEvaluation ours = evaluator("c").evaluate(model, test);
    assertTrue(ours.report().isBinary());
    MetricTarget<Label> tc = new MetricTarget<>(new Label("c"));
    assertEquals(
        ours.report().overall().value(Metric.SELECTION_RATE),
        ours.get(new MetricID<>(tc, "selection_rate")),
        0);
    assertFalse(
        ours.asMap().keySet().stream()
            .anyMatch(id -> id.getA().equals(MetricTarget.microAverageTarget())));
  }

  @Test
  void provenanceNamesTheModelAndTheData() {
    TribuoFairnessEvaluation ours = evaluator(null).evaluate(model, test);
    assertEquals(model.getProvenance(), ours.getProvenance().getModelProvenance());
    assertEquals(test.getProvenance(), ours.getProvenance().getTestDatasetProvenance());
    assertEquals(test.size(), ours.getPredictions().size());
  }

  @Test
  void onlineEvaluatorGivesTheSameNumbers() {
    TribuoFairnessEvaluator e = evaluator(null);
    OnlineEvaluator<Label, TribuoFairnessEvaluation> online =
        e.createOnlineEvaluator(model, test.getProvenance());
    online.predictAndObserve(test);
    assertEquals(e.evaluate(model, test).asMap(), online.evaluate().asMap());
  }

  @Test
  void defaultFeatureSetsAreEachAttributeAndTheirIntersection() {
    assertEquals(
        List.of(FeatureSet.of("group"), FeatureSet.of("site"), FeatureSet.of("group", "site")),
        evaluator(null).featureSets());
  }

  @Test
  void featureSetOverAnUnreadAttributeIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TribuoFairnessEvaluator.builder()
                    .table(TribuoTableSpec.builder().categorical("group").build())
                    .featureSet(FeatureSet.of("sex"))
                    .build());
    assertTrue(e.getMessage().contains("sex"), e.getMessage());
  }

  @Test
  void binnedMetadataAndClustersReachTheTable() {
    TribuoTableSpec spec =
        TribuoTableSpec.builder()
            .binned("age", Binning.parse("0,60,100"))
            .cluster("patient")
            .build();
    var table = spec.toTable(model, test);
    assertEquals(test.size(), table.rowCount());
    assertTrue(table.isClustered());
    assertEquals(test.size() / 2, table.clusterCount());
    var age = table.requireAttribute("age");
    for (int i = 0; i < test.size(); i++) {
      int years = (Integer) test.getExample(i).getMetadataValue("age").orElseThrow();
      assertEquals(years < 60 ? 0 : 1, age.code(i), "row " + i);
    }
  }
}
