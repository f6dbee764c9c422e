package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The intervals of a weighted table's rates equal statsmodels' Wilson interval at Kish's effective
 * size, and Newcombe and MOVER-log from them ({@code golden-stats/weighted-intervals.json}, from
 * {@code /work/pyenv/bin/python tools/make_weighted_interval_golden.py}: numpy 2.4.6, statsmodels
 * 0.15.0, scikit-learn 1.9.1).
 */
class WeightedRateIntervalsTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();
  private static JsonNode golden;
  private static PredictionTable table;

  @BeforeAll
  static void load() throws IOException {
    golden = read("/golden-stats/weighted-intervals.json");
    table = tableOf(golden);
  }

  /** A golden file of a weighted table. */
  static JsonNode read(String resource) throws IOException {
    try (InputStream in = WeightedRateIntervalsTest.class.getResourceAsStream(resource)) {
      return new ObjectMapper().readTree(in);
    }
  }

  /** The weighted table of a golden file (labels, predictions, weights, groups "g"). */
  static PredictionTable tableOf(JsonNode golden) {
    int n = golden.get("labels").size();
    int[] y = new int[n];
    int[] p = new int[n];
    double[] w = new double[n];
    String[] g = new String[n];
    for (int i = 0; i < n; i++) {
      y[i] = golden.get("labels").get(i).asInt();
      p[i] = golden.get("predictions").get(i).asInt();
      w[i] = golden.get("weights").get(i).asDouble();
      g[i] = golden.get("groups").get(i).asText();
    }
    return PredictionTable.builder()
        .classes(ClassLabels.ofInts(0, 1))
        .labels(y, p)
        .weights(w)
        .categorical("g", g)
        .build();
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
  void intervalsEqualStatsmodelsWilsonAtKishsEffectiveSize() {
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
      String expected =
          e.getKey().startsWith("difference")
              ? WeightedRateIntervals.NEWCOMBE
              : e.getKey().startsWith("ratio")
                  ? WeightedRateIntervals.MOVER
                  : WeightedRateIntervals.WILSON;
      assertEquals(expected, i.method(), e.getKey());
      checked++;
    }
    assertEquals(32, checked);
  }

  @Test
  void theGapOfTwoGroupsInvertsATestOfItsAbsoluteValueFromNewcombesInterval() {
    int n = 0;
    for (JsonNode g : golden.get("groups")) {
      n += g.asText().equals("C") ? 0 : 1;
    }
    int[] rows = new int[n];
    for (int i = 0, k = 0; i < golden.get("groups").size(); i++) {
      if (!golden.get("groups").get(i).asText().equals("C")) {
        rows[k++] = i;
      }
    }
    BootstrapResult r =
        GroupBootstrap.builder()
            .resamples(200)
            .seed(5)
            .build()
            .evaluate(EVALUATOR, table.select(rows), FeatureSet.of("g"));
    for (String rate : new String[] {"recall", "selection_rate"}) {
      ReportStatisticId gap = ReportStatisticId.parse("difference/between_groups/" + rate);
      JsonNode d = golden.get("expected").get("difference/to_reference/B/" + rate);
      double[] want =
          FoldedInterval.of(
              d.get("estimate").asDouble(),
              d.get("interval").get(0).asDouble(),
              d.get("interval").get(1).asDouble(),
              ScoreBounds.z(0.95),
              0.05);
      Interval i = r.intervals().get(gap);
      assertEquals(WeightedRateIntervals.GAP, i.method(), rate);
      assertEquals(Math.abs(d.get("estimate").asDouble()), i.estimate(), 1e-12, rate);
      assertEquals(want[0], i.lower(), 1e-9, rate);
      assertEquals(want[1], i.upper(), 1e-9, rate);
      assertTrue(r.warning(gap).isEmpty(), rate);
    }
  }

  @Test
  void extremesAndThePercentileConfigurationKeepTheBootstrap() {
    ReportStatisticId gap = ReportStatisticId.parse("difference/between_groups/recall");
    BootstrapResult r = run(true);
    assertEquals("bootstrap-percentile", r.intervals().get(gap).method());
    assertEquals(GroupBootstrap.EXTREME_WARNING, r.warning(gap).orElseThrow());
    Interval plain = run(false).intervals().get(ReportStatisticId.parse("by_group/A/recall"));
    assertEquals("bootstrap-percentile", plain.method());
  }

  @Test
  void aRateOfZeroGetsAWilsonBoundAboveZeroAndItsRatioMoverR() {
    int[] y = {1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0};
    int[] p = {1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0};
    double[] w = {1, 2, 3, 1, 2, 1, 1, 3, 2, 1, 3, 1, 2, 1};
    String[] g = {"A", "A", "A", "A", "A", "A", "A", "A", "B", "B", "B", "B", "B", "B"};
    PredictionTable t =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(y, p)
            .weights(w)
            .categorical("g", g)
            .build();
    BootstrapResult r =
        GroupBootstrap.builder()
            .resamples(100)
            .seed(1)
            .build()
            .evaluate(EVALUATOR, t, FeatureSet.of("g"), GroupKey.of("A"));
    Interval b = r.intervals().get(ReportStatisticId.parse("by_group/B/recall"));
    assertEquals(WeightedRateIntervals.WILSON, b.method());
    assertEquals(0, b.lower());
    assertTrue(b.upper() > 0.3, b.toString());
    Interval ratio = r.intervals().get(ReportStatisticId.parse("ratio/to_reference/B/recall"));
    assertEquals(WeightedRateIntervals.MOVER_R, ratio.method());
    assertEquals(0, ratio.lower());
  }
}
