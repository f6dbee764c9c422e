package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.fairness4j.core.stats.Interval;
import org.junit.jupiter.api.Test;

/**
 * The two-group min / max ratio from counts ({@link ScasFoldedRatio}): equal to {@code
 * golden-stats/scas_folded_ratio.json}, written by {@code tools/make_scas_folded_ratio_golden.py}
 * (numpy 2.4.6, scipy 1.17.1; its restricted maxima from the closed form, checked there against
 * scipy's numerical maximum within 1e-8), and the shape of the accepted set.
 */
class ScasFoldedRatioTest {
  private static final int[][] TABLES = {
    {10, 100, 50, 1000}, {1, 100, 55, 1000}, {3, 30, 20, 300}, {12, 45, 12, 45}, {1, 8, 7, 8},
    {40, 200, 52, 200}, {7, 300, 2, 1000}, {95, 100, 975, 1000}, {1, 20, 1, 50}, {30, 300, 1, 1000}
  };

  @Test
  void equalsTheReferenceScript() throws IOException {
    JsonNode golden;
    try (InputStream in =
        ScasFoldedRatioTest.class.getResourceAsStream("/golden-stats/scas_folded_ratio.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    assertTrue(golden.get("cases").size() >= 50);
    for (JsonNode c : golden.get("cases")) {
      long x1 = c.get("x1").asLong();
      long n1 = c.get("n1").asLong();
      long x2 = c.get("x2").asLong();
      long n2 = c.get("n2").asLong();
      double level = c.get("confidence").asDouble();
      String what = x1 + "/" + n1 + " vs " + x2 + "/" + n2 + " at " + level;
      double upper =
          c.get("upper").isTextual() ? Double.POSITIVE_INFINITY : c.get("upper").asDouble();
      double[] t = ScasFoldedRatio.of(x1, n1, x2, n2, level);
      assertEquals(c.get("lower").asDouble(), t[0], 1e-9, what);
      assertEquals(upper, t[1], 1e-9, what);
      // The public API reports exp(−θ) over it (group order does not matter).
      Interval i = ScoreIntervals.minMaxRatio(x2, n2, x1, n1, level).orElseThrow();
      assertEquals(Math.exp(-t[1]), i.lower(), 1e-12, what);
      assertEquals(Math.exp(-t[0]), i.upper(), 1e-12, what);
      double r = (x1 / (double) n1) / (x2 / (double) n2);
      assertEquals(Math.min(r, 1 / r), i.estimate(), 1e-15);
      assertEquals("miettinen-nurminen-folded", i.method());
    }
  }

  @Test
  void anIntervalAroundTheEstimateWithAcceptedEnds() {
    for (int[] t : TABLES) {
      for (double level : new double[] {0.9, 0.95, Math.sqrt(0.95)}) {
        String what = t[0] + "/" + t[1] + " vs " + t[2] + "/" + t[3] + " at " + level;
        double est = Math.abs(Math.log((t[0] / (double) t[1]) / (t[2] / (double) t[3])));
        double[] b = ScasFoldedRatio.of(t[0], t[1], t[2], t[3], level);
        assertTrue(0 <= b[0] && b[0] <= est && est <= b[1] && b[1] < 40, what);
        assertTrue(b[1] - b[0] > 0.01, what + ": a point");
        assertTrue(ScasFoldedRatio.accepts(t[0], t[1], t[2], t[3], level, est), what);
        assertTrue(ScasFoldedRatio.accepts(t[0], t[1], t[2], t[3], level, b[1] - 1e-6), what);
        assertFalse(ScasFoldedRatio.accepts(t[0], t[1], t[2], t[3], level, b[1] + 1e-6), what);
        if (b[0] > 0) {
          assertTrue(ScasFoldedRatio.accepts(t[0], t[1], t[2], t[3], level, b[0] + 1e-6), what);
          assertFalse(ScasFoldedRatio.accepts(t[0], t[1], t[2], t[3], level, b[0] - 1e-6), what);
        }
        // The groups' order does not matter.
        double[] s = ScasFoldedRatio.of(t[2], t[3], t[0], t[1], level);
        assertEquals(b[0], s[0], 1e-12, what);
        assertEquals(b[1], s[1], 1e-12, what);
      }
    }
  }

  @Test
  void nestedInTheLevel() {
    for (int[] t : TABLES) {
      double[] narrow = ScasFoldedRatio.of(t[0], t[1], t[2], t[3], 0.9);
      double[] wide = ScasFoldedRatio.of(t[0], t[1], t[2], t[3], Math.sqrt(0.95));
      assertTrue(wide[0] <= narrow[0] + 1e-12 && narrow[1] <= wide[1] + 1e-12);
    }
  }

  @Test
  void farFromOneNearTheMiettinenNurminenRatioInterval() {
    // Large equal groups, rates 0.30 vs 0.20: the ratio is far from 1 and |log| is the log itself.
    double[] b = ScasFoldedRatio.of(600, 2000, 400, 2000, 0.95);
    double[] mn = MiettinenNurminen.ratio(600, 2000, 400, 2000, 0.95);
    assertEquals(Math.log(mn[0]), b[0], 0.01);
    assertEquals(Math.log(mn[1]), b[1], 0.01);
  }

  @Test
  void equalRatesStartAtZeroAndZeroCountsAreRefused() {
    assertEquals(0, ScasFoldedRatio.of(12, 45, 12, 45, 0.95)[0]);
    assertThrows(IllegalArgumentException.class, () -> ScasFoldedRatio.of(0, 45, 12, 45, 0.95));
    assertTrue(ScoreIntervals.minMaxRatio(0, 45, 12, 45, 0.95).isEmpty());
  }
}
