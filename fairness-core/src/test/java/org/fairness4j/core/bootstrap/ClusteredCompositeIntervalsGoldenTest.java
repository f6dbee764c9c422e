package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * The clustered intervals of F1 and balanced accuracy that {@code metrics --bootstrap --cluster
 * --reference} reports, against {@code golden-stats/clustered_composite_intervals.json}: written by
 * {@code /work/pyenv/bin/python tools/make_clustered_composite_golden.py} (numpy 2.4.6, scipy
 * 1.17.1, scikit-learn 1.9.1, statsmodels 0.15.0; estimates by scikit-learn, Wilson bounds by
 * statsmodels' {@code proportion_confint(method="wilson")} at effective counts computed there from
 * the rows, at the level whose normal quantile is scipy's Student's t), five tables of two groups
 * with patients of 1–6 rows (TPR = 1 in a group, TP = 0 in a group, and clusters of one row).
 */
class ClusteredCompositeIntervalsGoldenTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();

  private static JsonNode golden() throws IOException {
    try (InputStream in =
        ClusteredCompositeIntervalsGoldenTest.class.getResourceAsStream(
            "/golden-stats/clustered_composite_intervals.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static PredictionTable table(JsonNode rows) {
    int n = rows.size();
    int[] y = new int[n];
    int[] p = new int[n];
    String[] g = new String[n];
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      JsonNode r = rows.get(i);
      g[i] = r.get(0).asText();
      ids[i] = r.get(1).asText();
      y[i] = r.get(2).asInt();
      p[i] = r.get(3).asInt();
    }
    return PredictionTable.builder()
        .classes(ClassLabels.ofInts(0, 1))
        .labels(y, p)
        .categorical("g", g)
        .clusters(ids)
        .build();
  }

  private static void assertBounds(JsonNode want, double lower, double upper, String what) {
    assertEquals(want.get(0).asDouble(), lower, 1e-10, what + " lower");
    assertEquals(want.get(1).asDouble(), upper, 1e-10, what + " upper");
  }

  @Test
  void wilsonAtEffectiveCountsMatchesStatsmodels() throws IOException {
    int checked = 0;
    for (JsonNode c : golden().get("cases")) {
      for (String g : List.of("A", "B")) {
        for (String part : List.of("tpr", "tnr", "jaccard")) {
          JsonNode e = c.get(g + "_" + part + "_effective");
          long[] raw = rawCounts(c.get("rows"), g, part);
          double df = e.get("df").isNull() ? Double.POSITIVE_INFINITY : e.get("df").asDouble();
          RateCounts counts =
              new RateCounts(e.get("x").asDouble(), e.get("n").asDouble(), raw[0], raw[1], df);
          double[] w = ScoreBounds.wilson(counts, 0.95);
          assertBounds(e.get("wilson"), w[0], w[1], g + " " + part);
          checked++;
        }
      }
    }
    assertEquals(30, checked);
  }

  @Test
  void reportedIntervalsMatchTheReference() throws IOException {
    int unwarned = 0;
    for (JsonNode c : golden().get("cases")) {
      if (c.get("A_tpr_effective").get("df").isNull()) {
        // Clusters of one row: the unclustered intervals (ClusteredCompositeIntervalsProperties),
        // whose components are CompositeIntervals.of's, checked by CompositeIntervalsGoldenTest.
        continue;
      }
      BootstrapResult r =
          GroupBootstrap.builder()
              .resamples(50)
              .seed(3)
              .clustered(true)
              .build()
              .evaluate(EVALUATOR, table(c.get("rows")), FeatureSet.of("g"), GroupKey.of("A"));
      for (String[] s :
          new String[][] {
            {"by_group/A/f1", "A_f1", "wilson-jaccard-clustered"},
            {"by_group/B/f1", "B_f1", "wilson-jaccard-clustered"},
            {"by_group/A/balanced_accuracy", "A_balanced_accuracy", "mover-wilson-clustered"},
            {"by_group/B/balanced_accuracy", "B_balanced_accuracy", "mover-wilson-clustered"},
            {"difference/to_reference/B/f1", "difference_f1", "mover-wilson-jaccard-clustered"},
            {
              "difference/to_reference/B/balanced_accuracy",
              "difference_balanced_accuracy",
              "mover-wilson-clustered"
            },
            {"ratio/to_reference/B/f1", "ratio_f1", "wilson-jaccard-clustered"},
            {
              "ratio/to_reference/B/balanced_accuracy",
              "ratio_balanced_accuracy",
              "wilson-clustered"
            }
          }) {
        Interval got = r.interval(s[0]);
        JsonNode want = c.get(s[1]);
        assertEquals(want.get("estimate").asDouble(), got.estimate(), 1e-12, s[0]);
        assertBounds(want.get("interval"), got.lower(), got.upper(), s[0] + " " + s[1]);
        String method =
            s[0].startsWith("ratio")
                ? (got.estimate() > 0 ? "mover-log-" : "mover-r-") + s[2]
                : s[2];
        assertEquals(method, got.method(), s[0]);
        // A score interval, not the cluster bootstrap's: warned only by the count rules.
        r.warning(s[0])
            .ifPresent(
                w ->
                    assertTrue(
                        w.equals(SmallCounts.WARNING)
                            || w.equals(SmallCounts.COMPOSITE_WARNING)
                            || w.equals(FewClusters.WARNING),
                        s[0] + w));
        unwarned += r.warning(s[0]).isEmpty() ? 1 : 0;
      }
      // The overall values keep the cluster bootstrap (and, with patients of several rows, its
      // warning).
      assertEquals("bootstrap-percentile", r.interval("overall/f1").method());
    }
    assertTrue(unwarned >= 8, "unwarned: " + unwarned);
  }

  /** {x, n} of a ratio (tpr, tnr, jaccard) of one group, counted from the rows. */
  private static long[] rawCounts(JsonNode rows, String group, String part) {
    long x = 0;
    long n = 0;
    for (JsonNode r : rows) {
      if (!r.get(0).asText().equals(group)) {
        continue;
      }
      boolean y = r.get(2).asInt() == 1;
      boolean p = r.get(3).asInt() == 1;
      boolean den =
          switch (part) {
            case "tpr" -> y;
            case "tnr" -> !y;
            default -> y || p;
          };
      boolean num = part.equals("tnr") ? !y && !p : y && p;
      n += den ? 1 : 0;
      x += den && num ? 1 : 0;
    }
    return new long[] {x, n};
  }
}
