package org.fairness4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * One-vs-rest macro AUC by group equals scikit-learn 1.9.1's {@code roc_auc_score(multi_class=
 * "ovr", average="macro")} on a seeded 3-class table with tied scores, unweighted and weighted
 * (tools/make_macro_auc_golden.py); a group without class "c" is undefined with a reason.
 */
class MacroAucTest {
  private static JsonNode golden() throws IOException {
    try (InputStream in = MacroAucTest.class.getResourceAsStream("/golden-stats/macro_auc.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static PredictionTable table(JsonNode g, boolean weighted) {
    JsonNode rows = g.get("rows");
    int n = rows.size();
    String[] t = new String[n];
    String[] p = new String[n];
    String[] group = new String[n];
    double[][] s = new double[3][n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      JsonNode r = rows.get(i);
      t[i] = r.get("y_true").asText();
      p[i] = r.get("y_pred").asText();
      group[i] = r.get("group").asText();
      s[0][i] = r.get("a").asDouble();
      s[1][i] = r.get("b").asDouble();
      s[2][i] = r.get("c").asDouble();
      w[i] = r.get("w").asDouble();
    }
    PredictionTable.Builder b =
        PredictionTable.builder()
            .labels(t, p)
            .scores("a", s[0])
            .scores("b", s[1])
            .scores("c", s[2])
            .categorical("group", group);
    if (weighted) {
      b.weights(w);
    }
    return b.build();
  }

  @Test
  void macroAucByGroupEqualsScikitLearn() throws IOException {
    JsonNode g = golden();
    for (boolean weighted : new boolean[] {false, true}) {
      String suffix = weighted ? "_weighted" : "";
      GroupReport r =
          FairnessEvaluator.builder().build().evaluate(table(g, weighted), FeatureSet.of("group"));
      assertEquals(
          g.get("overall" + suffix).asDouble(), r.overall().value(Metric.MACRO_ROC_AUC), 1e-12);
      for (String name : new String[] {"g1", "g2"}) {
        assertEquals(
            g.get("by_group" + suffix).get(name).asDouble(),
            r.byGroup().get(GroupKey.of(name)).value(Metric.MACRO_ROC_AUC),
            1e-12,
            name + suffix);
      }
      assertTrue(g.get("by_group" + suffix).get("g3").isNull());
      MetricValue g3 = r.byGroup().get(GroupKey.of("g3")).get(Metric.MACRO_ROC_AUC);
      assertFalse(g3.isDefined());
      assertEquals(UndefinedReason.NO_POSITIVES, g3.reason());
      // the undefined group is named, not silently dropped, in the gap
      assertTrue(
          r.difference(Metric.MACRO_ROC_AUC, org.fairness4j.core.DisparityMethod.BETWEEN_GROUPS)
              .skipped()
              .contains(GroupKey.of("g3")));
    }
  }

  @Test
  void tableWithoutEveryClassScoredHasNoMacroAuc() throws IOException {
    JsonNode g = golden();
    PredictionTable full = table(g, false);
    int n = full.rowCount();
    String[] t = new String[n];
    String[] p = new String[n];
    for (int i = 0; i < n; i++) {
      t[i] = full.classes().label(full.trueClass(i));
      p[i] = full.classes().label(full.predictedClass(i));
    }
    PredictionTable partial =
        PredictionTable.builder()
            .labels(t, p)
            .scores("a", full.scores("a"))
            .categorical("group", new String[n])
            .build();
    GroupReport r = FairnessEvaluator.builder().build().evaluate(partial, FeatureSet.of("group"));
    assertFalse(r.overall().has(Metric.MACRO_ROC_AUC));
  }
}
