package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * The intervals of F1 and balanced accuracy (and their differences to the reference group) that
 * {@code metrics --bootstrap --reference} reports, against {@code golden-stats/
 * composite_intervals.json}: written by {@code /work/pyenv/bin/python
 * tools/make_composite_interval_golden.py} (numpy 2.4.6, scikit-learn 1.9.1, statsmodels 0.15.0;
 * estimates by scikit-learn, Wilson bounds by statsmodels, since session 10 Brown, Cai &amp;
 * DasGupta's modified Wilson with scipy 1.17.1's chi2.ppf for the Poisson bounds), nine pairs of
 * groups including counts of 0 (TP = 0 in the reference or in B, FN = 0, FP = 0, a perfect group)
 * and of 1–3 (the Poisson bounds, in the reference only in one case); ratios B / A by MOVER on the
 * log scale (MOVER-R where B's value is 0) computed there from those bounds; the expected method
 * names come from the script too.
 */
class CompositeIntervalsGoldenTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();
  private static final GroupKey A = GroupKey.of("A");

  private static JsonNode golden() throws IOException {
    try (InputStream in =
        CompositeIntervalsGoldenTest.class.getResourceAsStream(
            "/golden-stats/composite_intervals.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  /** Rows with the given {TP, FN, FP, TN} in groups A and B; clusters of two rows if asked. */
  private static PredictionTable table(JsonNode c, boolean pairs) {
    List<Integer> y = new ArrayList<>();
    List<Integer> p = new ArrayList<>();
    List<String> g = new ArrayList<>();
    int[][] cells = {{1, 1}, {1, 0}, {0, 1}, {0, 0}};
    for (String name : List.of("A", "B")) {
      for (int k = 0; k < 4; k++) {
        for (int i = 0; i < c.get(name).get(k).asInt(); i++) {
          y.add(cells[k][0]);
          p.add(cells[k][1]);
          g.add(name);
        }
      }
    }
    String[] ids = new String[y.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "P" + (pairs ? i / 2 : i);
    }
    PredictionTable.Builder b =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(
                y.stream().mapToInt(Integer::intValue).toArray(),
                p.stream().mapToInt(Integer::intValue).toArray())
            .categorical("g", g.toArray(String[]::new));
    return pairs ? b.clusters(ids).build() : b.build();
  }

  private static void assertInterval(JsonNode want, Interval got, String what) {
    assertEquals(want.get("estimate").asDouble(), got.estimate(), 1e-12, what + " estimate");
    assertEquals(want.get("interval").get(0).asDouble(), got.lower(), 1e-12, what + " lower");
    assertEquals(want.get("interval").get(1).asDouble(), got.upper(), 1e-12, what + " upper");
    assertTrue(got.lower() <= got.estimate() && got.estimate() <= got.upper(), what);
  }

  private static long[] counts(JsonNode c) {
    return new long[] {c.get(0).asLong(), c.get(1).asLong(), c.get(2).asLong(), c.get(3).asLong()};
  }

  @Test
  void theConstructionsMatchTheReference() throws IOException {
    for (JsonNode c : golden().get("cases")) {
      Interval[][] byGroup = new Interval[2][];
      int k = 0;
      for (String g : List.of("A", "B")) {
        Interval f1 = CompositeIntervals.of(Metric.F1, counts(c.get(g)), 0.95);
        Interval ba = CompositeIntervals.of(Metric.BALANCED_ACCURACY, counts(c.get(g)), 0.95);
        assertEquals(c.get(g + "_f1").get("expect_method").asText(), f1.method(), g + " " + c);
        assertEquals(
            c.get(g + "_balanced_accuracy").get("expect_method").asText(),
            ba.method(),
            g + " " + c);
        assertInterval(c.get(g + "_f1"), f1, g + " f1 " + c);
        assertInterval(c.get(g + "_balanced_accuracy"), ba, g + " balanced accuracy " + c);
        byGroup[k++] = new Interval[] {f1, ba};
      }
      Interval d = CompositeIntervals.difference(byGroup[1][0], byGroup[0][0]);
      assertEquals(c.get("difference_f1").get("expect_method").asText(), d.method());
      assertInterval(c.get("difference_f1"), d, "f1 difference " + c);
      Interval e = CompositeIntervals.difference(byGroup[1][1], byGroup[0][1]);
      assertEquals(c.get("difference_balanced_accuracy").get("expect_method").asText(), e.method());
      assertInterval(c.get("difference_balanced_accuracy"), e, "balanced accuracy difference " + c);
      for (int m = 0; m < 2; m++) {
        String name = m == 0 ? "f1" : "balanced_accuracy";
        JsonNode want = c.get("ratio_" + name);
        Interval r = CompositeIntervals.ratio(byGroup[1][m], byGroup[0][m]);
        if (want.isNull()) {
          // The reference value is 0: the ratio is undefined, no interval.
          assertEquals(null, r, name + " ratio " + c);
          continue;
        }
        String base = c.get("ratio_" + name + "_base").asText();
        assertEquals((byGroup[1][m].estimate() > 0 ? "mover-log-" : "mover-r-") + base, r.method());
        assertInterval(want, r, name + " ratio " + c);
      }
    }
  }

  @Test
  void theReportedIntervalsMatchTheReferenceAndAreWarnedAtSmallCounts() throws IOException {
    int unwarned = 0;
    int warned = 0;
    for (JsonNode c : golden().get("cases")) {
      BootstrapResult r =
          GroupBootstrap.builder()
              .resamples(50)
              .seed(1)
              .build()
              .evaluate(EVALUATOR, table(c, false), FeatureSet.of("g"), A);
      for (String[] s :
          new String[][] {
            {"by_group/A/f1", "A_f1"},
            {"by_group/B/f1", "B_f1"},
            {"by_group/A/balanced_accuracy", "A_balanced_accuracy"},
            {"by_group/B/balanced_accuracy", "B_balanced_accuracy"},
            {"difference/to_reference/B/f1", "difference_f1"},
            {"difference/to_reference/B/balanced_accuracy", "difference_balanced_accuracy"},
            {"ratio/to_reference/B/f1", "ratio_f1"},
            {"ratio/to_reference/B/balanced_accuracy", "ratio_balanced_accuracy"}
          }) {
        if (c.get(s[1]).isNull()) {
          // Reference value 0: undefined, as the report has it (no interval made up).
          assertTrue(!r.statistics().contains(s[0]), s[0] + " " + c);
          continue;
        }
        Interval got = r.interval(s[0]);
        assertInterval(c.get(s[1]), got, s[0] + " " + c);
        if (r.warning(s[0]).isPresent()) {
          // A small expected count: a group's value at the other group's shares (below 3), a
          // difference or ratio at the pooled shares (below 5) (SmallCounts).
          assertEquals(
              s[0].startsWith("by_group") ? SmallCounts.COMPOSITE_WARNING : SmallCounts.WARNING,
              r.warning(s[0]).orElseThrow(),
              s[0] + " " + c);
          warned++;
        } else {
          assertTrue(r.unqualified(ReportStatisticId.parse(s[0])), s[0]);
          unwarned++;
        }
      }
      // The overall values: the same construction on the pooled counts A + B (its values are
      // checked against the reference above for every count vector), never small-count warned
      // (CompositeIntervals.isOverall).
      long[] pooled = new long[4];
      for (int k = 0; k < 4; k++) {
        pooled[k] = c.get("A").get(k).asLong() + c.get("B").get(k).asLong();
      }
      for (Metric m : List.of(Metric.F1, Metric.BALANCED_ACCURACY)) {
        String s = "overall/" + m.key();
        Interval want = CompositeIntervals.of(m, pooled, 0.95);
        if (want == null) {
          continue;
        }
        Interval got = r.interval(s);
        assertEquals(want, got, s + " " + c);
        assertTrue(r.warning(s).isEmpty(), s + " " + c);
      }
    }
    // The first two cases have no small expected count; the cases with zero counts do.
    assertTrue(unwarned >= 12, "unwarned: " + unwarned);
    assertTrue(warned >= 12, "warned: " + warned);
  }

  @Test
  void percentileBcaAndClustersKeepResamplingIntervals() throws IOException {
    JsonNode c = golden().get("cases").get(0);
    BootstrapResult percentile =
        GroupBootstrap.builder()
            .resamples(200)
            .analytic(false)
            .build()
            .evaluate(EVALUATOR, table(c, false), FeatureSet.of("g"), A);
    BootstrapResult bca =
        GroupBootstrap.builder()
            .resamples(200)
            .method(GroupBootstrap.Method.BCA)
            .build()
            .evaluate(EVALUATOR, table(c, false), FeatureSet.of("g"), A);
    BootstrapResult clustered =
        GroupBootstrap.builder()
            .resamples(200)
            .clustered(true)
            .build()
            .evaluate(EVALUATOR, table(c, true), FeatureSet.of("g"), A);
    for (String s :
        List.of(
            "by_group/A/f1",
            "overall/balanced_accuracy",
            "difference/to_reference/B/f1",
            "difference/to_reference/B/balanced_accuracy",
            "ratio/to_reference/B/f1",
            "ratio/to_reference/B/balanced_accuracy")) {
      assertEquals("bootstrap-percentile", percentile.interval(s).method(), s);
      assertEquals("bootstrap-bca", bca.interval(s).method(), s);
      // With patients of two rows: clustered score intervals (ClusteredCompositeIntervals), except
      // the overall value, whose cluster bootstrap keeps its warning.
      if (s.startsWith("overall")) {
        assertEquals("bootstrap-percentile", clustered.interval(s).method(), s);
        assertTrue(clustered.warning(s).isPresent(), s + " clustered warning");
      } else {
        assertTrue(clustered.interval(s).method().endsWith("-clustered"), s);
      }
    }
  }
}
