package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.stats.ProportionIntervals;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * Rates get score intervals (ProportionIntervals' are checked against statsmodels in
 * IntervalGoldenTest), signed differences and ratios to a reference group get Miettinen–Nurminen
 * intervals, and with {@code analytic(false)} percentile ones under the same names.
 */
class RateIntervalsTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();

  /**
   * Group A: recall 8/8, 30 negatives with 3 false positives; B: recall 20/30, 40 negatives, 6 FP.
   */
  static PredictionTable table(String[] clusters) {
    List<int[]> rows = new ArrayList<>();
    List<String> g = new ArrayList<>();
    add(rows, g, "A", 1, 1, 8);
    add(rows, g, "A", 0, 0, 27);
    add(rows, g, "A", 0, 1, 3);
    add(rows, g, "B", 1, 1, 20);
    add(rows, g, "B", 1, 0, 10);
    add(rows, g, "B", 0, 0, 34);
    add(rows, g, "B", 0, 1, 6);
    PredictionTable.Builder b =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(
                rows.stream().mapToInt(x -> x[0]).toArray(),
                rows.stream().mapToInt(x -> x[1]).toArray())
            .categorical("group", g.toArray(String[]::new));
    if (clusters != null) {
      b.clusters(clusters);
    }
    return b.build();
  }

  private static void add(List<int[]> rows, List<String> g, String k, int y, int p, int n) {
    for (int i = 0; i < n; i++) {
      rows.add(new int[] {y, p});
      g.add(k);
    }
  }

  @Test
  void ratesAtOneGetWilsonNotAPoint() {
    BootstrapResult r =
        GroupBootstrap.builder()
            .resamples(300)
            .build()
            .evaluate(EVALUATOR, table(null), FeatureSet.of("group"));
    Interval recall = r.interval("by_group/A/recall");
    assertEquals("wilson", recall.method());
    assertEquals(ProportionIntervals.wilson(8, 8, 0.95).lower(), recall.lower(), 1e-12);
    assertEquals(1.0, recall.upper());
    assertTrue(recall.lower() < 0.7, recall.toString());
    Interval fpr = r.interval("by_group/B/fpr");
    Interval w = ProportionIntervals.wilson(6, 40, 0.95);
    assertEquals(w.lower(), fpr.lower(), 1e-12);
    assertEquals(w.upper(), fpr.upper(), 1e-12);
    // Without the score intervals the percentile interval collapses to a point.
    BootstrapResult pct =
        GroupBootstrap.builder()
            .resamples(300)
            .analytic(false)
            .build()
            .evaluate(EVALUATOR, table(null), FeatureSet.of("group"));
    Interval collapsed = pct.interval("by_group/A/recall");
    assertEquals("bootstrap-percentile", collapsed.method());
    assertEquals(1.0, collapsed.lower());
  }

  @Test
  void scoreIntervalsAtSmallCountsCarryNoNoteButPercentileOnesAWarning() {
    // A's recall is 8/8 (FN = 0). A note chosen by an observed count would select the tables whose
    // count came out large (their unnoted intervals covered 97-100 %), so the score intervals of
    // A carry none (docs/statistics.md, "Session 7b").
    BootstrapResult small =
        GroupBootstrap.builder()
            .resamples(50)
            .build()
            .evaluate(EVALUATOR, table(null), FeatureSet.of("group"), GroupKey.of("A"));
    assertEquals("wilson", small.interval("by_group/A/recall").method());
    assertTrue(small.interval("by_group/A/recall").lower() < 1.0);
    assertTrue(small.unqualified("by_group/A/recall"));
    assertTrue(small.unqualified("difference/to_reference/B/recall"));
    assertTrue(small.unqualified("difference/between_groups/fpr"));
    assertEquals(Optional.empty(), small.note("by_group/A/recall"));
    // The composites (score intervals, CompositeIntervals) warn at small expected counts read from
    // the other group's shares: A (38 rows) expects 5.4 FN at B's 10 of 70, so A's F1 is unwarned
    // though its own FN is 0; B expects 0 FN at A's share and is warned.
    assertEquals("wilson-jaccard", small.interval("by_group/A/f1").method());
    assertTrue(small.unqualified("by_group/A/f1"));
    assertEquals(Optional.of(SmallCounts.COMPOSITE_WARNING), small.warning("by_group/B/f1"));
    assertFalse(small.unqualified("by_group/B/f1"));
    assertEquals(
        Map.of(
            ReportStatisticId.parse("fairness/equalized_odds_difference/between_groups/worst_case"),
            GroupBootstrap.WORST_CASE_NOTE,
            ReportStatisticId.parse("fairness/equalized_odds_ratio/between_groups/worst_case"),
            GroupBootstrap.WORST_CASE_NOTE),
        small.intervalNotes());
    // Every count at least 5: no note.
    List<int[]> rows = new ArrayList<>();
    List<String> g = new ArrayList<>();
    for (String k : new String[] {"A", "B"}) {
      add(rows, g, k, 1, 1, 20);
      add(rows, g, k, 1, 0, 6);
      add(rows, g, k, 0, 1, 7);
      add(rows, g, k, 0, 0, 30);
    }
    PredictionTable large =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(
                rows.stream().mapToInt(x -> x[0]).toArray(),
                rows.stream().mapToInt(x -> x[1]).toArray())
            .categorical("group", g.toArray(String[]::new))
            .build();
    BootstrapResult r =
        GroupBootstrap.builder()
            .resamples(50)
            .build()
            .evaluate(EVALUATOR, large, FeatureSet.of("group"), GroupKey.of("A"));
    // The only note left is the one on worst-case equalized odds of two groups.
    assertEquals(List.of(GroupBootstrap.WORST_CASE_NOTE), r.notes());
    assertEquals(
        Map.of(
            ReportStatisticId.parse("fairness/equalized_odds_difference/between_groups/worst_case"),
            GroupBootstrap.WORST_CASE_NOTE,
            ReportStatisticId.parse("fairness/equalized_odds_ratio/between_groups/worst_case"),
            GroupBootstrap.WORST_CASE_NOTE),
        r.intervalNotes());
  }

  @Test
  void clustersOfOneRowGiveTheIndependentIntervals() {
    // Every row its own cluster: the design is the independent one, so the clustered score
    // intervals equal the plain ones (the design effect and Student's t widened them to 97-98 %).
    PredictionTable plain = table(null);
    String[] ids = new String[plain.rowCount()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "p" + i;
    }
    BootstrapResult one =
        GroupBootstrap.builder()
            .resamples(50)
            .clustered(true)
            .build()
            .evaluate(EVALUATOR, table(ids), FeatureSet.of("group"), GroupKey.of("A"));
    BootstrapResult ind =
        GroupBootstrap.builder()
            .resamples(50)
            .build()
            .evaluate(EVALUATOR, plain, FeatureSet.of("group"), GroupKey.of("A"));
    for (String s : List.of("by_group/B/recall", "by_group/B/fpr", "ratio/to_reference/B/fpr")) {
      assertEquals(ind.interval(s).lower(), one.interval(s).lower(), 1e-12, s);
      assertEquals(ind.interval(s).upper(), one.interval(s).upper(), 1e-12, s);
    }
    // The method names the construction: clusters of one row give the independent counts.
    assertEquals("wilson", one.interval("by_group/B/recall").method());
  }

  @Test
  void clusteredRatiosAreMoverFromTheClusteredWilsonIntervals() {
    // Pairs of rows are clusters: effective counts, and the ratio from the two clustered Wilson
    // intervals by MOVER on the log scale (Katz on effective counts covered up to 99 % at copying
    // 0.9): log r's bounds are log(p1/p2) minus/plus the root of the squared Wilson distances.
    PredictionTable plain = table(null);
    String[] ids = new String[plain.rowCount()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "p" + i / 2;
    }
    BootstrapResult r =
        GroupBootstrap.builder()
            .resamples(50)
            .clustered(true)
            .build()
            .evaluate(EVALUATOR, table(ids), FeatureSet.of("group"), GroupKey.of("A"));
    Interval ratio = r.interval("ratio/to_reference/B/fpr");
    assertEquals("mover-log-wilson-clustered", ratio.method());
    Interval a = r.interval("by_group/A/fpr");
    Interval b = r.interval("by_group/B/fpr");
    double l = Math.log(b.estimate() / a.estimate());
    double lo =
        l
            - Math.hypot(
                Math.log(b.estimate()) - Math.log(b.lower()),
                Math.log(a.upper()) - Math.log(a.estimate()));
    double hi =
        l
            + Math.hypot(
                Math.log(b.upper()) - Math.log(b.estimate()),
                Math.log(a.estimate()) - Math.log(a.lower()));
    assertEquals(Math.exp(lo), ratio.lower(), 1e-12);
    assertEquals(Math.exp(hi), ratio.upper(), 1e-12);
    assertEquals(
        "mover-log-wilson-folded-clustered", r.interval("ratio/between_groups/fpr").method());
  }

  @Test
  void signedDifferencesAndRatiosToAReferenceGetMiettinenNurminen() {
    GroupKey ref = GroupKey.of("A");
    BootstrapResult r =
        GroupBootstrap.builder()
            .resamples(400)
            .seed(2)
            .build()
            .evaluate(EVALUATOR, table(null), FeatureSet.of("group"), ref);
    Interval diff = r.interval("difference/to_reference/B/recall");
    double[] mn = MiettinenNurminen.difference(20, 30, 8, 8, 0.95);
    assertEquals("miettinen-nurminen", diff.method());
    assertEquals(20 / 30.0 - 1, diff.estimate(), 1e-12);
    assertEquals(mn[0], diff.lower(), 1e-12);
    assertEquals(mn[1], diff.upper(), 1e-12);
    // Not a point at the boundary (8/8).
    assertTrue(diff.lower() < diff.estimate() && diff.estimate() < diff.upper());
    Interval ratio = r.interval("ratio/to_reference/B/fpr");
    double[] mnRatio = MiettinenNurminen.ratio(6, 40, 3, 30, 0.95);
    assertEquals("miettinen-nurminen", ratio.method());
    assertEquals(mnRatio[0], ratio.lower(), 1e-12);
    assertEquals(mnRatio[1], ratio.upper(), 1e-12);
    GroupReport report = EVALUATOR.evaluate(table(null), FeatureSet.of("group"));
    assertEquals(
        report.differencesTo(Metric.RECALL, ref).get(GroupKey.of("B")), diff.estimate(), 1e-12);
    // The same keys from the percentile bootstrap, a signed difference whose interval can hold 0.
    BootstrapResult pct =
        GroupBootstrap.builder()
            .resamples(400)
            .seed(2)
            .analytic(false)
            .build()
            .evaluate(EVALUATOR, table(null), FeatureSet.of("group"), ref);
    Interval boot = pct.interval("difference/to_reference/B/fpr");
    assertEquals("bootstrap-percentile", boot.method());
    assertTrue(boot.lower() < 0 && boot.upper() > 0, boot.toString());
    // A has no false negative (and 3 false positives): too few for a resampling interval.
    assertEquals(SmallCounts.WARNING, pct.warning("difference/to_reference/B/fpr").orElseThrow());
    assertTrue(r.warning("difference/to_reference/B/fpr").isEmpty(), "Newcombe needs no warning");
  }

  @Test
  void clustersWidenTheScoreIntervalsByTheDesignEffect() {
    // Pairs of rows from one patient (identical rows): the design effect is about 2.
    int n = table(null).rowCount();
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "p" + (i / 2);
    }
    BootstrapResult plain =
        GroupBootstrap.builder()
            .resamples(200)
            .build()
            .evaluate(EVALUATOR, table(null), FeatureSet.of("group"));
    BootstrapResult clustered =
        GroupBootstrap.builder()
            .resamples(200)
            .clustered(true)
            .build()
            .evaluate(EVALUATOR, table(ids), FeatureSet.of("group"));
    Interval a = plain.interval("by_group/B/fpr");
    Interval b = clustered.interval("by_group/B/fpr");
    assertEquals("wilson-clustered", b.method());
    assertTrue(b.width() > 1.2 * a.width(), a + " vs " + b);
  }

  /** Far from 0 a clustered two-group gap's interval is the clustered signed difference's. */
  @Test
  void clusteredGapFarFromZeroIsTheSignedInterval() {
    List<int[]> rows = new ArrayList<>();
    List<String> g = new ArrayList<>();
    add(rows, g, "A", 1, 1, 180);
    add(rows, g, "A", 1, 0, 20);
    add(rows, g, "A", 0, 0, 40);
    add(rows, g, "B", 1, 1, 60);
    add(rows, g, "B", 1, 0, 140);
    add(rows, g, "B", 0, 0, 40);
    String[] ids = new String[rows.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "p" + (i / 2);
    }
    PredictionTable t =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(
                rows.stream().mapToInt(x -> x[0]).toArray(),
                rows.stream().mapToInt(x -> x[1]).toArray())
            .categorical("group", g.toArray(String[]::new))
            .clusters(ids)
            .build();
    BootstrapResult r =
        GroupBootstrap.builder()
            .resamples(50)
            .clustered(true)
            .build()
            .evaluate(EVALUATOR, t, FeatureSet.of("group"), GroupKey.of("A"));
    Interval signed = r.interval("difference/to_reference/B/recall");
    Interval gap = r.interval("difference/between_groups/recall");
    assertEquals("newcombe-clustered", signed.method());
    assertEquals("newcombe-folded-clustered", gap.method());
    assertEquals(-signed.upper(), gap.lower(), 1e-9);
    assertEquals(-signed.lower(), gap.upper(), 1e-9);
  }
}
