package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The intervals of a weighted table's F1 and balanced accuracy equal the constructions from
 * statsmodels' Wilson intervals at Kish's effective counts, with scikit-learn's weighted estimates
 * ({@code golden-stats/weighted-composite-intervals.json}, from {@code /work/pyenv/bin/python
 * tools/make_weighted_composite_golden.py}: numpy 2.4.6, statsmodels 0.15.0, scikit-learn 1.9.1).
 */
class WeightedCompositeIntervalsTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();
  private static JsonNode golden;
  private static PredictionTable table;

  @BeforeAll
  static void load() throws IOException {
    golden = WeightedRateIntervalsTest.read("/golden-stats/weighted-composite-intervals.json");
    table = WeightedRateIntervalsTest.tableOf(golden);
  }

  private static BootstrapResult run(boolean analytic) {
    return GroupBootstrap.builder()
        .resamples(200)
        .seed(5)
        .analytic(analytic)
        .build()
        .evaluate(EVALUATOR, table, FeatureSet.of("g"), GroupKey.of("A"));
  }

  @Test
  void intervalsEqualTheConstructionsFromStatsmodelsWilsonAtKishsEffectiveCounts() {
    BootstrapResult r = run(true);
    Iterator<Map.Entry<String, JsonNode>> it = golden.get("expected").fields();
    int checked = 0;
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      ReportStatisticId id = ReportStatisticId.parse(e.getKey());
      Interval i = r.intervals().get(id);
      JsonNode x = e.getValue();
      double scale = Math.max(1, Math.abs(x.get("estimate").asDouble()));
      assertEquals(x.get("estimate").asDouble(), i.estimate(), 1e-12 * scale, e.getKey());
      assertEquals(x.get("interval").get(0).asDouble(), i.lower(), 1e-10 * scale, e.getKey());
      assertEquals(x.get("interval").get(1).asDouble(), i.upper(), 1e-10 * scale, e.getKey());
      boolean f1 = id.metric() == Metric.F1;
      String base = f1 ? "wilson-jaccard-kish" : "sum-wilson-kish";
      String expected =
          switch (id.kind()) {
            case RATIO -> "mover-log-" + base;
            case DIFFERENCE -> "mover-" + base;
            default ->
                f1 ? WeightedCompositeIntervals.F1_METHOD : WeightedCompositeIntervals.BA_METHOD;
          };
      assertEquals(expected, i.method(), e.getKey());
      assertFalse(
          r.warning(id).map(w -> w.startsWith("coverage not measured")).orElse(false), e.getKey());
      checked++;
    }
    assertEquals(16, checked);
  }

  @Test
  void gapsBetweenGroupsKeepThePercentileIntervalAndTheUnmeasuredWarning() {
    BootstrapResult r = run(true);
    for (String m : new String[] {"f1", "balanced_accuracy"}) {
      ReportStatisticId gap = ReportStatisticId.parse("difference/between_groups/" + m);
      assertEquals("bootstrap-percentile", r.intervals().get(gap).method(), m);
      assertTrue(r.warning(gap).isPresent(), m);
    }
    Interval plain = run(false).intervals().get(ReportStatisticId.parse("by_group/A/f1"));
    assertEquals("bootstrap-percentile", plain.method());
  }

  @Test
  void undefinedComponentsGiveNoInterval() {
    double[] noNegatives = {3, 1, 0, 0};
    assertNull(
        WeightedCompositeIntervals.of(Metric.BALANCED_ACCURACY, noNegatives, noNegatives, 0.95));
    double[] onlyTrueNegatives = {0, 0, 0, 4};
    assertNull(
        WeightedCompositeIntervals.of(Metric.F1, onlyTrueNegatives, onlyTrueNegatives, 0.95));
    Interval zero =
        WeightedCompositeIntervals.of(
            Metric.F1, new double[] {0, 2, 3, 4}, new double[] {0, 4, 9, 16}, 0.95);
    assertEquals(0, zero.estimate());
    assertEquals(0, zero.lower());
    assertTrue(zero.upper() > 0.2, zero.toString());
  }
}
