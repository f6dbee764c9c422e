package org.fairness4j.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Intervals and adjusted p-values equal statsmodels 0.15.0 (scipy 1.17.1) on the cases of {@code
 * golden-stats/intervals.json}, written by {@code tools/make_interval_golden.py}.
 */
class ProportionIntervalsTest {
  private static JsonNode golden() throws IOException {
    try (InputStream in =
        ProportionIntervalsTest.class.getResourceAsStream("/golden-stats/intervals.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static void assertBounds(JsonNode want, Interval got, double tol, String what) {
    assertEquals(want.get(0).asDouble(), got.lower(), tol, what + " lower");
    assertEquals(want.get(1).asDouble(), got.upper(), tol, what + " upper");
  }

  @Test
  void singleRateIntervalsEqualStatsmodels() throws IOException {
    int n = 0;
    for (JsonNode c : golden().get("single")) {
      long x = c.get("x").asLong();
      long trials = c.get("n").asLong();
      double conf = c.get("confidence").asDouble();
      String what = x + "/" + trials + " @" + conf;
      assertBounds(c.get("wilson"), ProportionIntervals.wilson(x, trials, conf), 1e-12, what);
      // Commons Math inverts the Beta CDF to about 1e-9.
      assertBounds(
          c.get("clopper_pearson"),
          ProportionIntervals.clopperPearson(x, trials, conf),
          1e-8,
          what);
      n++;
    }
    assertEquals(14, n);
  }

  /**
   * {@code golden-stats/modified_wilson.json}, written by {@code
   * tools/make_rate_interval_golden.py} (statsmodels 0.15.0 Wilson, scipy 1.17.1 {@code chi2.ppf};
   * versions in the file): x and n − x of 0..5 on both sides of the limit n = 50/51 and up to n =
   * 10⁶, at 90, 95 and 99 %.
   */
  @Test
  void modifiedWilsonEqualsBrownCaiDasGuptaFromScipyAndStatsmodels() throws IOException {
    JsonNode golden;
    try (InputStream in =
        ProportionIntervalsTest.class.getResourceAsStream("/golden-stats/modified_wilson.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    int modified = 0;
    int cases = 0;
    for (JsonNode c : golden.get("cases")) {
      long x = c.get("x").asLong();
      long trials = c.get("n").asLong();
      double conf = c.get("confidence").asDouble();
      String what = x + "/" + trials + " @" + conf;
      Interval got = ProportionIntervals.modifiedWilson(x, trials, conf);
      // Relative to n: at n = 10^6 the bounds are about 1e-6, and 1e-10 absolute would test little.
      double tol = 1e-10 / Math.max(1, Math.sqrt(trials));
      assertBounds(c.get("modified_wilson"), got, tol, what);
      boolean changed = !c.get("modified_wilson").equals(c.get("wilson"));
      assertEquals(changed ? "wilson-modified" : "wilson", got.method(), what);
      assertEquals((double) x / trials, got.estimate(), 0, what);
      modified += changed ? 1 : 0;
      cases++;
    }
    assertEquals(318, cases);
    assertTrue(modified > 100, "cases with a Poisson bound: " + modified);
  }

  @Test
  void differenceAndRatioIntervalsEqualStatsmodels() throws IOException {
    int ratios = 0;
    for (JsonNode c : golden().get("pairs")) {
      long x1 = c.get("x1").asLong();
      long n1 = c.get("n1").asLong();
      long x2 = c.get("x2").asLong();
      long n2 = c.get("n2").asLong();
      double conf = c.get("confidence").asDouble();
      String what = c.toString();
      assertBounds(
          c.get("newcombe_difference"),
          ProportionIntervals.newcombeDifference(x1, n1, x2, n2, conf),
          1e-12,
          what);
      if (c.has("katz_ratio")) {
        assertBounds(
            c.get("katz_ratio"), ProportionIntervals.katzRatio(x1, n1, x2, n2, conf), 1e-12, what);
        ratios++;
      }
    }
    assertEquals(8, ratios);
  }

  @Test
  void adjustedPValuesEqualStatsmodels() throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (JsonNode c : golden().get("pvalues")) {
      double[] p = json.convertValue(c.get("p"), double[].class);
      assertArrayEquals(
          json.convertValue(c.get("holm"), double[].class), MultipleTesting.holm(p), 1e-15);
      assertArrayEquals(
          json.convertValue(c.get("benjamini_hochberg"), double[].class),
          MultipleTesting.benjaminiHochberg(p),
          1e-15);
    }
  }

  @Test
  void misuseIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> ProportionIntervals.wilson(5, 4, 0.95));
    assertThrows(IllegalArgumentException.class, () -> ProportionIntervals.wilson(1, 4, 1.5));
    assertThrows(
        IllegalArgumentException.class, () -> ProportionIntervals.katzRatio(0, 4, 1, 4, 0.95));
    assertThrows(
        IllegalArgumentException.class, () -> MultipleTesting.holm(new double[] {0.5, 1.2}));
  }
}
