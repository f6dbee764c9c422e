package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.fairness4j.core.stats.Interval;
import org.junit.jupiter.api.Test;

/**
 * The two-group gap from counts ({@link ScasFoldedGap}): equal to {@code
 * golden-stats/scas_folded_gap.json}, written by {@code tools/make_scas_folded_golden.py} (numpy
 * 2.4.6, scipy 1.17.1; its restricted maxima from the closed form, checked there against scipy's
 * numerical maximum within 1e-8), and the shape of the accepted set.
 */
class ScasFoldedGapTest {
  private static final int[][] TABLES = {
    {10, 100, 50, 1000}, {0, 100, 36, 1000}, {3, 30, 20, 300}, {12, 45, 12, 45}, {0, 20, 0, 50},
    {20, 20, 0, 50}, {1, 8, 7, 8}, {40, 200, 52, 200}, {7, 300, 2, 1000}, {0, 5, 5, 5}
  };

  @Test
  void equalsTheReferenceScript() throws IOException {
    JsonNode golden;
    try (InputStream in =
        ScasFoldedGapTest.class.getResourceAsStream("/golden-stats/scas_folded_gap.json")) {
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
      double[] g = ScasFoldedGap.of(x1, n1, x2, n2, level);
      assertEquals(c.get("lower").asDouble(), g[0], 1e-9, what);
      assertEquals(c.get("upper").asDouble(), g[1], 1e-9, what);
      // The public API reports the same (group order does not matter).
      Interval i = ScoreIntervals.absoluteDifference(x2, n2, x1, n1, level);
      assertEquals(g[0], i.lower(), 1e-12, what);
      assertEquals(g[1], i.upper(), 1e-12, what);
      assertEquals(Math.abs(x1 / (double) n1 - x2 / (double) n2), i.estimate(), 1e-15);
      assertEquals("miettinen-nurminen-folded", i.method());
    }
  }

  @Test
  void anIntervalAroundTheEstimateWithAcceptedEnds() {
    for (int[] t : TABLES) {
      for (double level : new double[] {0.9, 0.95, Math.sqrt(0.95)}) {
        String what = t[0] + "/" + t[1] + " vs " + t[2] + "/" + t[3] + " at " + level;
        double d = Math.abs(t[0] / (double) t[1] - t[2] / (double) t[3]);
        double[] g = ScasFoldedGap.of(t[0], t[1], t[2], t[3], level);
        assertTrue(0 <= g[0] && g[0] <= d && d <= g[1] && g[1] <= 1, what);
        assertTrue(g[1] > g[0], what + ": never a point");
        assertTrue(ScasFoldedGap.accepts(t[0], t[1], t[2], t[3], level, d), what);
        // The ends are where acceptance changes; an upper bound of 1 only for an observed gap of 1
        // (all of one group and none of the other), where θ = 1 is accepted as the estimate.
        if (g[1] < 1) {
          assertTrue(ScasFoldedGap.accepts(t[0], t[1], t[2], t[3], level, g[1] - 1e-9), what);
          assertFalse(ScasFoldedGap.accepts(t[0], t[1], t[2], t[3], level, g[1] + 1e-9), what);
        } else {
          assertEquals(1, d, what);
        }
        assertTrue(ScasFoldedGap.accepts(t[0], t[1], t[2], t[3], level, g[0] + 1e-9), what);
        if (g[0] > 0) {
          assertFalse(ScasFoldedGap.accepts(t[0], t[1], t[2], t[3], level, g[0] - 1e-9), what);
        }
        // The same for the groups swapped.
        double[] s = ScasFoldedGap.of(t[2], t[3], t[0], t[1], level);
        assertEquals(g[0], s[0], 1e-12, what);
        assertEquals(g[1], s[1], 1e-12, what);
      }
    }
  }

  @Test
  void widerAtHigherLevels() {
    for (int[] t : TABLES) {
      double[] a = ScasFoldedGap.of(t[0], t[1], t[2], t[3], 0.9);
      double[] b = ScasFoldedGap.of(t[0], t[1], t[2], t[3], 0.95);
      double[] c = ScasFoldedGap.of(t[0], t[1], t[2], t[3], 0.99);
      assertTrue(c[0] <= b[0] && b[0] <= a[0] && a[1] <= b[1] && b[1] <= c[1]);
    }
  }

  @Test
  void anObservedGapOfZeroStartsAtZero() {
    for (int[] t : new int[][] {{12, 45, 12, 45}, {0, 20, 0, 50}, {10, 100, 100, 1000}}) {
      double[] g = ScasFoldedGap.of(t[0], t[1], t[2], t[3], 0.95);
      assertEquals(0, g[0]);
      assertTrue(g[1] > 0);
    }
  }

  /**
   * 0/100 vs 36/1000: θ = 0 and a sliver above it are accepted, then a gap; the hull is reported.
   */
  @Test
  void theHullCoversTheSliverNearZero() {
    double[] g = ScasFoldedGap.of(0, 100, 36, 1000, 0.95);
    assertEquals(0, g[0]);
    assertTrue(ScasFoldedGap.accepts(0, 100, 36, 1000, 0.95, 0));
    assertFalse(ScasFoldedGap.accepts(0, 100, 36, 1000, 0.95, 0.006));
    assertTrue(ScasFoldedGap.accepts(0, 100, 36, 1000, 0.95, 0.02));
    assertTrue(g[1] > 0.1 && g[1] < 0.12);
  }

  /**
   * Far from 0 with large balanced groups it is close to the signed Miettinen–Nurminen interval.
   */
  @Test
  void farFromZeroItIsNearTheSignedInterval() {
    double[] g = ScasFoldedGap.of(100, 250, 200, 250, 0.95);
    double[] mn = MiettinenNurminen.difference(200, 250, 100, 250, 0.95);
    assertEquals(mn[0], g[0], 0.003);
    assertEquals(mn[1], g[1], 0.003);
  }
}
