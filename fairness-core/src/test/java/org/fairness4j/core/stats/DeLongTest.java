package org.fairness4j.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DeLong values equal the O(m·n) definition computed in numpy (AUC also checked against
 * scikit-learn 1.9.1), from {@code golden-stats/delong.json} (tools/make_delong_golden.py).
 */
class DeLongTest {
  @Test
  void aucVarianceIntervalAndPValueEqualTheSlowDefinition() throws IOException {
    JsonNode g;
    try (InputStream in = getClass().getResourceAsStream("/golden-stats/delong.json")) {
      g = new ObjectMapper().readTree(in);
    }
    List<DeLong.Estimate> estimates = new ArrayList<>();
    for (JsonNode c : g.get("cases")) {
      int n = c.get("scores").size();
      double[] s = new double[n];
      boolean[] pos = new boolean[n];
      for (int i = 0; i < n; i++) {
        s[i] = c.get("scores").get(i).asDouble();
        pos[i] = c.get("labels").get(i).asInt() == 1;
      }
      DeLong.Estimate e = DeLong.auc(s, pos);
      assertEquals(c.get("auc").asDouble(), e.auc(), 1e-12);
      assertEquals(c.get("variance").asDouble(), e.variance(), 1e-14);
      assertTrue(e.interval(0.95).contains(e.auc()));
      estimates.add(e);
    }
    for (JsonNode p : g.get("pairs")) {
      DeLong.Estimate a = estimates.get(p.get("a").asInt());
      DeLong.Estimate b = estimates.get(p.get("b").asInt());
      Interval d = DeLong.difference(a, b, 0.95);
      assertEquals(p.get("difference").asDouble(), d.estimate(), 1e-12);
      assertEquals(p.get("interval95").get(0).asDouble(), d.lower(), 1e-10);
      assertEquals(p.get("interval95").get(1).asDouble(), d.upper(), 1e-10);
      assertEquals(p.get("p_value").asDouble(), DeLong.pValue(a, b), 1e-10);
    }
  }

  @Test
  void needsTwoOfEachClass() {
    assertThrows(
        IllegalArgumentException.class,
        () -> DeLong.auc(new double[] {0.1, 0.2, 0.3}, new boolean[] {true, false, false}));
  }
}
