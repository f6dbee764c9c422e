package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * The two-group gap and min / max ratio of F1 and balanced accuracy ({@link CompositeGaps}) against
 * {@code golden-stats/composite_gaps.json}, written by {@code /work/pyenv/bin/python
 * tools/composite_gap_coverage.py} (numpy 2.4.6, scipy 1.17.1, statsmodels 0.15.0): the signed
 * MOVER pieces from statsmodels' Wilson bounds, the inverted test solved there with
 * scipy.optimize.brentq on scipy.stats.norm (and checked against a vectorised bisection to 1e-9).
 * Ten pairs of groups: zero counts, a value of 0 in one group (ratio 0 by MOVER-R) and in both
 * (ratio undefined), equal groups, 1:10 sizes.
 */
class CompositeGapsTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();
  private static final List<String> METRICS = List.of("f1", "balanced_accuracy");

  private static JsonNode golden() throws IOException {
    try (InputStream in =
        CompositeGapsTest.class.getResourceAsStream("/golden-stats/composite_gaps.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static long[] counts(JsonNode c) {
    return new long[] {c.get(0).asLong(), c.get(1).asLong(), c.get(2).asLong(), c.get(3).asLong()};
  }

  private static Metric metric(String name) {
    return name.equals("f1") ? Metric.F1 : Metric.BALANCED_ACCURACY;
  }

  /** Rows with the given {TP, FN, FP, TN} per group, in the order given. */
  private static PredictionTable table(List<String> names, List<long[]> cells) {
    List<Integer> y = new ArrayList<>();
    List<Integer> p = new ArrayList<>();
    List<String> g = new ArrayList<>();
    int[][] kinds = {{1, 1}, {1, 0}, {0, 1}, {0, 0}};
    for (int j = 0; j < names.size(); j++) {
      for (int k = 0; k < 4; k++) {
        for (long i = 0; i < cells.get(j)[k]; i++) {
          y.add(kinds[k][0]);
          p.add(kinds[k][1]);
          g.add(names.get(j));
        }
      }
    }
    return PredictionTable.builder()
        .classes(ClassLabels.ofInts(0, 1))
        .labels(
            y.stream().mapToInt(Integer::intValue).toArray(),
            p.stream().mapToInt(Integer::intValue).toArray())
        .categorical("g", g.toArray(String[]::new))
        .build();
  }

  private static void assertBounds(JsonNode want, Interval got, double tol, String what) {
    assertEquals(want.get("estimate").asDouble(), got.estimate(), 1e-12, what + " estimate");
    assertEquals(want.get("interval").get(0).asDouble(), got.lower(), tol, what + " lower");
    assertEquals(want.get("interval").get(1).asDouble(), got.upper(), tol, what + " upper");
    assertTrue(got.lower() <= got.estimate() && got.estimate() <= got.upper(), what);
  }

  @Test
  void theConstructionsMatchTheReference() throws IOException {
    for (JsonNode c : golden().get("cases")) {
      for (String name : METRICS) {
        Interval a = CompositeIntervals.of(metric(name), counts(c.get("A")), 0.95);
        Interval b = CompositeIntervals.of(metric(name), counts(c.get("B")), 0.95);
        JsonNode gap = c.get("gap_" + name);
        Interval signed = CompositeIntervals.difference(b, a);
        assertEquals(gap.get("signed").get(0).asDouble(), signed.lower(), 1e-12, "signed " + c);
        assertEquals(gap.get("signed").get(1).asDouble(), signed.upper(), 1e-12, "signed " + c);
        Interval g = CompositeGaps.gap(b, a, 0.95);
        assertBounds(gap, g, 1e-10, name + " gap " + c);
        assertEquals(signed.method() + "-folded", g.method());
        // The gap does not depend on which group is called which.
        Interval swapped = CompositeGaps.gap(a, b, 0.95);
        assertEquals(g.lower(), swapped.lower(), 1e-12, "symmetric " + c);
        assertEquals(g.upper(), swapped.upper(), 1e-12, "symmetric " + c);
        JsonNode ratio = c.get("ratio_" + name);
        Interval r = CompositeGaps.minMaxRatio(b, a, 0.95);
        if (ratio.isNull()) {
          // Both values 0: min / max is 0/0, undefined; no interval is made up.
          assertNull(r, name + " ratio " + c);
          continue;
        }
        assertBounds(ratio, r, 1e-10, name + " ratio " + c);
        boolean zero = a.estimate() == 0 || b.estimate() == 0;
        assertTrue(r.method().startsWith(zero ? "mover-r-" : "mover-log-"), r.method());
        assertTrue(r.method().endsWith("-folded"), r.method());
        Interval rs = CompositeGaps.minMaxRatio(a, b, 0.95);
        assertEquals(r.lower(), rs.lower(), 1e-12, "symmetric " + c);
        assertEquals(r.upper(), rs.upper(), 1e-12, "symmetric " + c);
      }
    }
  }

  @Test
  void theReportedIntervalsMatchAndAreWarnedWhereAGroupExpectsASmallCount() throws IOException {
    int unwarned = 0;
    int warned = 0;
    for (JsonNode c : golden().get("cases")) {
      PredictionTable t = table(List.of("A", "B"), List.of(counts(c.get("A")), counts(c.get("B"))));
      BootstrapResult r =
          GroupBootstrap.builder().resamples(50).seed(1).build().evaluate(EVALUATOR, t, G);
      var report = EVALUATOR.evaluate(t, G);
      boolean small =
          SmallCounts.expectsSmall(report, GroupKey.of("A"))
              || SmallCounts.expectsSmall(report, GroupKey.of("B"));
      for (String name : METRICS) {
        for (String kind : List.of("gap_", "ratio_")) {
          String s = (kind.equals("gap_") ? "difference" : "ratio") + "/between_groups/" + name;
          JsonNode want = c.get(kind + name);
          if (want.isNull()) {
            // Undefined (both values 0): no interval, and no 0 made up for it.
            assertTrue(
                !r.statistics().contains(s) || Double.isNaN(r.interval(s).estimate()), s + c);
            continue;
          }
          Interval got = r.interval(s);
          assertBounds(want, got, 1e-10, s + " " + c);
          assertTrue(CompositeGaps.isMethod(got.method()), got.method());
          if (small) {
            assertEquals(SmallCounts.WARNING, r.warning(s).orElseThrow(), s + " " + c);
            warned++;
          } else {
            // The extreme-over-groups warning of the percentile interval no longer applies.
            assertTrue(r.unqualified(s), s + " " + c);
            unwarned++;
          }
        }
      }
    }
    assertTrue(unwarned >= 8, "unwarned: " + unwarned);
    assertTrue(warned >= 8, "warned: " + warned);
  }

  @Test
  void threeGroupsKeepThePercentileIntervalWithItsWarning() {
    long[] c = {40, 10, 10, 40};
    BootstrapResult r =
        GroupBootstrap.builder()
            .resamples(100)
            .seed(3)
            .build()
            .evaluate(EVALUATOR, table(List.of("A", "B", "C"), List.of(c, c, c)), G);
    for (String s : List.of("difference/between_groups/f1", "ratio/between_groups/f1")) {
      assertEquals("bootstrap-percentile", r.interval(s).method(), s);
      assertEquals(GroupBootstrap.EXTREME_WARNING, r.warning(s).orElseThrow(), s);
    }
  }

  @Test
  void aThirdGroupWithoutAValueLeavesTwoGroups() {
    // C has no positives and no predicted positives: its F1 and balanced accuracy are undefined,
    // so the gaps are between A and B and get the score interval.
    long[] a = {40, 10, 10, 40};
    long[] b = {35, 15, 8, 42};
    long[] c = {0, 0, 0, 30};
    PredictionTable t = table(List.of("A", "B", "C"), List.of(a, b, c));
    BootstrapResult r =
        GroupBootstrap.builder().resamples(50).seed(5).build().evaluate(EVALUATOR, t, G);
    Interval want =
        CompositeGaps.gap(
            CompositeIntervals.of(Metric.F1, b, 0.95),
            CompositeIntervals.of(Metric.F1, a, 0.95),
            0.95);
    Interval got = r.interval("difference/between_groups/f1");
    assertEquals(want.method(), got.method());
    assertEquals(want.lower(), got.lower(), 1e-12);
    assertEquals(want.upper(), got.upper(), 1e-12);
  }

  @Test
  void percentileAndBcaAskedForKeepResamplingIntervals() {
    long[] a = {40, 10, 10, 40};
    long[] b = {35, 15, 8, 42};
    PredictionTable t = table(List.of("A", "B"), List.of(a, b));
    BootstrapResult percentile =
        GroupBootstrap.builder().resamples(50).analytic(false).build().evaluate(EVALUATOR, t, G);
    BootstrapResult bca =
        GroupBootstrap.builder()
            .resamples(50)
            .method(GroupBootstrap.Method.BCA)
            .build()
            .evaluate(EVALUATOR, t, G);
    for (String s :
        List.of("difference/between_groups/f1", "ratio/between_groups/balanced_accuracy")) {
      assertFalse(CompositeGaps.isMethod(percentile.interval(s).method()), s);
      assertFalse(CompositeGaps.isMethod(bca.interval(s).method()), s);
    }
  }

  @Test
  void nearZeroTheLowerBoundIsAboveTheFoldsAndFarFromZeroItIsTheFold() {
    Interval a = CompositeIntervals.of(Metric.F1, new long[] {80, 20, 20, 80}, 0.95);
    boolean higher = false;
    for (int tp = 80; tp < 100; tp++) {
      Interval b = CompositeIntervals.of(Metric.F1, new long[] {tp, 100 - tp, 20, 80}, 0.95);
      Interval d = CompositeIntervals.difference(b, a);
      double[] fold = FoldedInterval.fold(d.lower(), d.upper());
      Interval g = CompositeGaps.gap(b, a, 0.95);
      assertTrue(g.lower() >= fold[0] - 1e-12, g + " vs fold " + d);
      assertTrue(g.upper() >= fold[1] - 1e-12, g + " vs fold " + d);
      // Near 0 the test is one-sided (all of α above), where the fold leaves α/2 below its lower
      // bound (it covered up to 0.98): a higher lower bound.
      higher |= fold[0] > 0 && g.lower() > fold[0] + 1e-3;
    }
    assertTrue(higher, "no table whose lower bound is above the fold's");
    Interval far = CompositeIntervals.of(Metric.F1, new long[] {20, 80, 10, 90}, 0.95);
    Interval df = CompositeIntervals.difference(far, a);
    Interval gf = CompositeGaps.gap(far, a, 0.95);
    assertEquals(-df.upper(), gf.lower(), 1e-9);
    assertEquals(-df.lower(), gf.upper(), 1e-9);
  }

  private static final FeatureSet G = FeatureSet.of("g");
}
