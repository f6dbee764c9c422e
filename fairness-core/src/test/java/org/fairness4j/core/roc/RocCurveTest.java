package org.fairness4j.core.roc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ROC points and fitted thresholds equal scikit-learn 1.9.1 on 300 rows of the golden table with
 * scores rounded to 2 decimals (tools/make_roc_golden.py).
 */
class RocCurveTest {
  @Test
  void curveAndThresholdsEqualScikitLearn() throws IOException {
    double[] s = new double[300];
    boolean[] y = new boolean[300];
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                getClass().getResourceAsStream("/golden/bin_10k.csv"), StandardCharsets.UTF_8))) {
      r.readLine();
      for (int i = 0; i < 300; i++) {
        String[] f = r.readLine().split(",");
        y[i] = f[0].equals("1");
        s[i] =
            new java.math.BigDecimal(f[2])
                .setScale(2, java.math.RoundingMode.HALF_EVEN)
                .doubleValue();
      }
    }
    JsonNode g;
    try (InputStream in = getClass().getResourceAsStream("/golden-stats/roc.json")) {
      g = new ObjectMapper().readTree(in);
    }
    RocCurve c = RocCurve.of(s, y);
    ObjectMapper m = new ObjectMapper();
    assertArrayEquals(m.convertValue(g.get("fpr"), double[].class), c.fpr(), 1e-15);
    assertArrayEquals(m.convertValue(g.get("tpr"), double[].class), c.tpr(), 1e-15);
    assertEquals(Double.POSITIVE_INFINITY, c.thresholds()[0]);
    assertEquals(g.get("thresholds").get(1).asDouble(), c.thresholds()[1]);
    assertEquals(g.get("max_f1_threshold").asDouble(), Thresholds.maxF1(s, y));
    assertEquals(g.get("youden_threshold").asDouble(), Thresholds.youden(s, y));
    double t90 = Thresholds.forTargetTpr(s, y, 0.9);
    long tp = 0;
    long p = 0;
    for (int i = 0; i < 300; i++) {
      p += y[i] ? 1 : 0;
      tp += y[i] && s[i] >= t90 ? 1 : 0;
    }
    assertTrue((double) tp / p >= 0.9);
    assertTrue(c.auc() > 0.5 && c.auc() < 1);
  }

  @Test
  void equityScaledAucPenalisesGroupSpread() {
    assertEquals(0.8, EquityScaledAuc.sumOfDeviations(0.8, List.of(0.8, 0.8)), 1e-15);
    assertEquals(0.8 / 1.2, EquityScaledAuc.sumOfDeviations(0.8, List.of(0.7, 0.9)), 1e-15);
    assertEquals(0.8 / 1.1, EquityScaledAuc.standardDeviation(0.8, List.of(0.7, 0.9)), 1e-15);
  }
}
