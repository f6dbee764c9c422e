package org.fairness4j.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
