package org.fairness4j.core.significance;

import static org.fairness4j.core.DisparityMethod.BETWEEN_GROUPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

class SignificanceTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();

  /** scipy 1.17.1 chi2_contingency values, from tools/make_independence_golden.py. */
  @Test
  void chiSquareAndGTestEqualScipy() throws IOException {
    JsonNode g;
    try (InputStream in = getClass().getResourceAsStream("/golden-stats/independence.json")) {
      g = new ObjectMapper().readTree(in);
    }
    for (JsonNode c : g) {
      JsonNode t = c.get("table");
      long[][] table = new long[t.size()][2];
      List<GroupKey> keys = new ArrayList<>();
      for (int i = 0; i < t.size(); i++) {
        table[i][0] = t.get(i).get(0).asLong();
        table[i][1] = t.get(i).get(1).asLong();
        keys.add(GroupKey.of("g" + i));
      }
      ErrorIndependence e = ErrorIndependence.of(keys, table);
      assertEquals(c.get("chi2").asDouble(), e.chiSquare(), 1e-10);
      assertEquals(c.get("chi2_p").asDouble(), e.chiSquarePValue(), 1e-10);
      assertEquals(c.get("g").asDouble(), e.g(), 1e-10);
      assertEquals(c.get("g_p").asDouble(), e.gPValue(), 1e-10);
      assertEquals(c.get("dof").asInt(), e.degreesOfFreedom());
    }
  }

  private static PredictionTable table(double tprF, double tprM, long seed) {
    Random r = new Random(seed);
    int n = 600;
    int[] y = new int[n];
    int[] p = new int[n];
    String[] sex = new String[n];
    for (int i = 0; i < n; i++) {
      boolean f = r.nextBoolean();
      sex[i] = f ? "F" : "M";
      y[i] = r.nextDouble() < 0.5 ? 1 : 0;
      p[i] =
          y[i] == 1 ? (r.nextDouble() < (f ? tprF : tprM) ? 1 : 0) : (r.nextDouble() < 0.1 ? 1 : 0);
    }
    return PredictionTable.builder().labels(y, p).categorical("sex", sex).build();
  }

  private static PermutationTest recallGap(PredictionTable t) {
    return PermutationTest.run(
        EVALUATOR,
        t,
        FeatureSet.of("sex"),
        r -> r.difference(Metric.RECALL, BETWEEN_GROUPS).value(),
        500,
        7);
  }

  @Test
  void permutationTestFindsARealGapAndIsSeeded() {
    PermutationTest gap = recallGap(table(0.5, 0.85, 1));
    assertTrue(gap.pValue() < 0.01, gap.toString());
    PermutationTest none = recallGap(table(0.7, 0.7, 2));
    assertTrue(none.pValue() > 0.05, none.toString());
    assertEquals(none, recallGap(table(0.7, 0.7, 2)));
  }

  @Test
  void errorIndependenceOfAReport() {
    ErrorIndependence e =
        ErrorIndependence.of(EVALUATOR.evaluate(table(0.5, 0.85, 1), FeatureSet.of("sex")));
    assertEquals(List.of(GroupKey.of("F"), GroupKey.of("M")), e.groups());
    assertTrue(e.chiSquarePValue() < 0.05, e.toString());
  }
}
