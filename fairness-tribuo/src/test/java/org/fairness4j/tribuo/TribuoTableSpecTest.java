package org.fairness4j.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

class TribuoTableSpecTest {
  private final MutableDataset<Label> train = TribuoData.threeClass(3, 600);
  private final Model<Label> model = TribuoData.logistic(train);
  private final TribuoTableSpec spec = TribuoTableSpec.builder().categorical("group").build();

  @Test
  void rowsFollowPredictionsWithProbabilitiesAsScores() {
    MutableDataset<Label> test = TribuoData.threeClass(4, 50);
    List<Prediction<Label>> preds = model.predict(test);
    PredictionTable t = spec.toTable(preds, model.getOutputIDInfo());
    assertEquals(List.of("a", "b", "c"), t.classes().asList());
    assertEquals(List.of("a", "b", "c"), t.scoredClasses());
    for (int i = 0; i < preds.size(); i++) {
      Prediction<Label> p = preds.get(i);
      assertEquals(p.getExample().getOutput().getLabel(), t.classes().label(t.trueClass(i)));
      assertEquals(p.getOutput().getLabel(), t.classes().label(t.predictedClass(i)));
      assertEquals(p.getOutputScores().get("b").getScore(), t.score("b", i), 0);
    }
    assertFalse(t.isWeighted());
  }

  @Test
  void aTrueLabelTheModelNeverSawBecomesAnExtraClass() {
    List<Prediction<Label>> preds = new ArrayList<>(model.predict(TribuoData.threeClass(5, 10)));
    ArrayExample<Label> odd =
        new ArrayExample<>(
            new Label("zz"), new String[] {"x1", "x2"}, new double[] {0, 0}, Map.of("group", "g0"));
    preds.add(model.predict(odd));
    PredictionTable t = spec.toTable(preds, model.getOutputIDInfo());
    assertEquals(List.of("a", "b", "c", "zz"), t.classes().asList());
  }

  @Test
  void anUnlabelledExampleIsAnErrorNamingThePrediction() {
    List<Prediction<Label>> preds = new ArrayList<>(model.predict(TribuoData.threeClass(6, 3)));
    preds.add(
        model.predict(
            new ArrayExample<>(
                LabelFactory.UNKNOWN_LABEL, new String[] {"x1"}, new double[] {1}, Map.of())));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> spec.toTable(preds, model.getOutputIDInfo()));
    assertTrue(e.getMessage().startsWith("prediction 3:"), e.getMessage());
  }

  @Test
  void aMissingClusterKeyIsAnErrorNamingThePredictionAndKey() {
    TribuoTableSpec clustered =
        TribuoTableSpec.builder().categorical("group").cluster("site").build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> clustered.toTable(model, TribuoData.threeClass(7, 100)));
    assertTrue(e.getMessage().matches("prediction \\d+: .*'site'.*"), e.getMessage());
  }

  @Test
  void exampleWeightsAreUsedOnlyWhenAskedFor() {
    MutableDataset<Label> test = TribuoData.threeClass(8, 20);
    test.getExample(0).setWeight(3f);
    TribuoTableSpec weighted =
        TribuoTableSpec.builder().categorical("group").exampleWeights(true).build();
    PredictionTable t = weighted.toTable(model, test);
    assertTrue(t.isWeighted());
    assertEquals(3.0, t.weight(0), 0);
    assertEquals(1.0, t.weight(1), 0);
    assertFalse(spec.toTable(model, test).isWeighted());
  }

  @Test
  void withoutAModelTheClassesAreTheSortedLabelsSeen() {
    PredictionTable t = spec.toTable(model.predict(TribuoData.threeClass(9, 40)));
    assertEquals(List.of("a", "b", "c"), t.classes().asList());
  }

  @Test
  void aSpecNeedsAnAttribute() {
    assertThrows(IllegalStateException.class, () -> TribuoTableSpec.builder().build());
    assertThrows(
        IllegalArgumentException.class,
        () -> TribuoTableSpec.builder().categorical("a").categorical("a"));
  }

  @Test
  void csvColumnsReadAsMetadataBecomeSensitiveAttributes() {
    MutableDataset<Label> data = TribuoData.referrals();
    assertEquals(600, data.size());
    assertEquals(2, data.getFeatureMap().size(), "sex and age are metadata, not features");
    PredictionTable t =
        TribuoTableSpec.builder()
            .categorical("sex")
            .binned("age", org.fairness4j.core.table.Binning.parse("0,60,200"))
            .cluster("patient_id")
            .build()
            .toTable(TribuoData.logistic(data), data);
    assertEquals(List.of("F", "M"), t.requireAttribute("sex").levels());
    assertEquals(0, t.requireAttribute("age").missingRows());
    assertEquals(600, t.clusterCount());
  }
}
