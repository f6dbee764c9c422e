package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * The intervals the CLI reports (GroupBootstrap with a reference group, score intervals on) equal
 * statsmodels on recall counts that include 0 and n: {@code golden-stats/rate_intervals.json},
 * written by {@code tools/make_rate_interval_golden.py} (statsmodels 0.15.0; versions in the file).
 * Brown, Cai and DasGupta's modified Wilson per group (statsmodels' Wilson with scipy's χ²
 * quantile, scipy 1.17.1), Miettinen–Nurminen for B − A (bounds from scipy's numerical restricted
 * likelihood maximum, scipy 1.17.1) and Miettinen–Nurminen for B / A where A's count is positive
 * (the same way).
 */
class RateIntervalsGoldenTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();

  private static PredictionTable table(int xa, int na, int xb, int nb) {
    List<int[]> rows = new ArrayList<>();
    List<String> g = new ArrayList<>();
    add(rows, g, "A", xa, na);
    add(rows, g, "B", xb, nb);
    return PredictionTable.builder()
        .classes(ClassLabels.ofInts(0, 1))
        .labels(
            rows.stream().mapToInt(x -> x[0]).toArray(),
            rows.stream().mapToInt(x -> x[1]).toArray())
        .categorical("g", g.toArray(String[]::new))
        .build();
  }

  /** x true positives, n − x false negatives, and 5 true negatives (so every group has both). */
  private static void add(List<int[]> rows, List<String> g, String k, int x, int n) {
    for (int i = 0; i < n; i++) {
      rows.add(new int[] {1, i < x ? 1 : 0});
      g.add(k);
    }
    for (int i = 0; i < 5; i++) {
      rows.add(new int[] {0, 0});
      g.add(k);
    }
  }

  private static void assertBounds(JsonNode want, Interval got, String what) {
    assertNotNull(got, what);
    assertEquals(want.get(0).asDouble(), got.lower(), 1e-12, what + " lower " + got);
    assertEquals(want.get(1).asDouble(), got.upper(), 1e-12, what + " upper " + got);
  }

  @Test
  void reportedScoreIntervalsEqualStatsmodelsAtZeroAndN() throws IOException {
    JsonNode golden;
    try (InputStream in =
        RateIntervalsGoldenTest.class.getResourceAsStream("/golden-stats/rate_intervals.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    int ratios = 0;
    int cases = 0;
    int modified = 0;
    for (JsonNode c : golden.get("cases")) {
      int xa = c.get("xa").asInt();
      int na = c.get("na").asInt();
      int xb = c.get("xb").asInt();
      int nb = c.get("nb").asInt();
      double conf = c.get("confidence").asDouble();
      String what = c.toString();
      BootstrapResult r =
          GroupBootstrap.builder()
              .resamples(50)
              .seed(1)
              .confidence(conf)
              .build()
              .evaluate(EVALUATOR, table(xa, na, xb, nb), FeatureSet.of("g"), GroupKey.of("A"));
      // Per group: Brown, Cai and DasGupta's modified Wilson, named wilson-modified where a
      // bound is their Poisson one (x or n - x of 1..2, of 1..3 above n = 50).
      for (String g : List.of("a", "b")) {
        Interval w = r.interval("by_group/" + g.toUpperCase(Locale.ROOT) + "/recall");
        JsonNode want = c.get("modified_wilson_" + g);
        assertBounds(want, w, what + " modified wilson " + g);
        String method = want.equals(c.get("wilson_" + g)) ? "wilson" : "wilson-modified";
        assertEquals(method, w.method(), what + " " + g);
        modified += method.equals("wilson") ? 0 : 1;
      }
      Interval d = r.interval("difference/to_reference/B/recall");
      // The signed difference is Miettinen-Nurminen's score interval; the reference bounds come
      // from scipy's numerical likelihood maximum (the generator's docstring), so they agree to
      // the optimiser's precision, not to the last bit.
      assertEquals("miettinen-nurminen", d.method(), what);
      assertEquals(c.get("miettinen_nurminen").get(0).asDouble(), d.lower(), 1e-8, what + " MN");
      assertEquals(c.get("miettinen_nurminen").get(1).asDouble(), d.upper(), 1e-8, what + " MN");
      Interval ratio = r.intervals().get(ReportStatisticId.parse("ratio/to_reference/B/recall"));
      if (c.has("miettinen_nurminen_ratio")) {
        JsonNode want = c.get("miettinen_nurminen_ratio");
        assertEquals("miettinen-nurminen", ratio.method(), what);
        assertEquals(want.get(0).asDouble(), ratio.lower(), 1e-8 * Math.max(1, ratio.lower()));
        assertEquals(want.get(1).asDouble(), ratio.upper(), 1e-8 * Math.max(1, ratio.upper()));
        ratios++;
      } else {
        // The reference group's rate is 0: no ratio interval.
        assertNull(ratio, what);
      }
      cases++;
    }
    assertEquals(20, cases);
    assertEquals(16, ratios);
    // (1, 3), (29, 31), (18, 19), (2, 150), (44, 45), (5, 6) at both levels.
    assertEquals(12, modified);
  }
}
