package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The DeLong intervals of ROC AUC equal scikit-learn's AUC with DeLong's variance computed the slow
 * way in numpy ({@code golden-stats/auc-intervals.json}, from {@code /work/pyenv/bin/python
 * tools/make_auc_interval_golden.py}: numpy 2.4.6, scipy 1.17.1, scikit-learn 1.9.1): the logit
 * interval with Student's t, MOVER for differences and ratios.
 */
class AucIntervalsTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();
  private static JsonNode golden;
  private static PredictionTable table;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        AucIntervalsTest.class.getResourceAsStream("/golden-stats/auc-intervals.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    int n = golden.get("labels").size();
    int[] y = new int[n];
    int[] p = new int[n];
    double[] s = new double[n];
    String[] g = new String[n];
    for (int i = 0; i < n; i++) {
      y[i] = golden.get("labels").get(i).asInt();
      s[i] = golden.get("scores").get(i).asDouble();
      p[i] = s[i] > 0.5 ? 1 : 0;
      g[i] = golden.get("groups").get(i).asText();
    }
    table =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(y, p)
            .scores("1", s)
            .categorical("g", g)
            .build();
  }

  private static BootstrapResult run(boolean analytic) {
    return GroupBootstrap.builder()
        .resamples(200)
        .seed(3)
        .scores(true)
        .analytic(analytic)
        .build()
        .evaluate(EVALUATOR, table, FeatureSet.of("g"), GroupKey.of("A"));
  }

  @Test
  void intervalsEqualTheNumpyAndScikitLearnValues() {
    BootstrapResult r = run(true);
    Iterator<Map.Entry<String, JsonNode>> it = golden.get("expected").fields();
    int checked = 0;
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      ReportStatisticId id = ReportStatisticId.parse(e.getKey());
      Interval i = r.intervals().get(id);
      assertEquals(e.getValue().get("estimate").asDouble(), i.estimate(), 1e-12, e.getKey());
      assertEquals(e.getValue().get("interval").get(0).asDouble(), i.lower(), 1e-12, e.getKey());
      assertEquals(e.getValue().get("interval").get(1).asDouble(), i.upper(), 1e-12, e.getKey());
      String expected =
          e.getKey().startsWith("difference")
              ? AucIntervals.DIFFERENCE
              : e.getKey().startsWith("ratio") ? AucIntervals.RATIO : AucIntervals.LOGIT;
      assertEquals(expected, i.method(), e.getKey());
      assertTrue(r.warning(id).isEmpty(), e.getKey() + " " + r.warning(id));
      checked++;
    }
    assertEquals(8, checked);
  }

  @Test
  void theGapOfTwoGroupsInvertsATestOfItsAbsoluteValueFromTheMoverInterval() {
    // groups A and B of the golden table only: the gap |B − A| from the golden MOVER interval
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
            .seed(3)
            .scores(true)
            .build()
            .evaluate(EVALUATOR, table.select(rows), FeatureSet.of("g"));
    ReportStatisticId gap = ReportStatisticId.parse("difference/between_groups/roc_auc");
    JsonNode d = golden.get("expected").get("difference/to_reference/B/roc_auc");
    double[] want =
        FoldedInterval.of(
            d.get("estimate").asDouble(),
            d.get("interval").get(0).asDouble(),
            d.get("interval").get(1).asDouble(),
            ScoreBounds.z(0.95),
            0.05);
    Interval i = r.intervals().get(gap);
    assertEquals(AucIntervals.GAP, i.method());
    assertEquals(Math.abs(d.get("estimate").asDouble()), i.estimate(), 1e-12);
    assertEquals(want[0], i.lower(), 1e-9);
    assertEquals(want[1], i.upper(), 1e-9);
    assertTrue(r.warning(gap).isEmpty());
    // the min/max ratio keeps the warned percentile interval
    ReportStatisticId ratio = ReportStatisticId.parse("ratio/between_groups/roc_auc");
    assertEquals(GroupBootstrap.EXTREME_WARNING, r.warning(ratio).orElseThrow());
  }

  @Test
  void extremesAndThePercentileConfigurationKeepTheBootstrap() {
    ReportStatisticId gap = ReportStatisticId.parse("difference/between_groups/roc_auc");
    BootstrapResult r = run(true);
    assertEquals("bootstrap-percentile", r.intervals().get(gap).method());
    assertEquals(GroupBootstrap.EXTREME_WARNING, r.warning(gap).orElseThrow());
    BootstrapResult percentile = run(false);
    assertEquals(
        "bootstrap-percentile",
        percentile.intervals().get(ReportStatisticId.parse("by_group/A/roc_auc")).method());
  }

  @Test
  void aGroupWithOnePositiveKeepsItsResamplingIntervalAndFewPositivesGetTheNote() {
    int[] y = {1, 0, 0, 0, 1, 1, 0, 0, 0, 0};
    double[] s = {0.9, 0.1, 0.2, 0.3, 0.8, 0.15, 0.5, 0.2, 0.7, 0.6};
    String[] g = {"A", "A", "A", "A", "A", "A", "B", "B", "B", "B"};
    y[8] = 1;
    PredictionTable t =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(y, y)
            .scores("1", s)
            .categorical("g", g)
            .build();
    BootstrapResult r =
        GroupBootstrap.builder()
            .resamples(100)
            .seed(1)
            .scores(true)
            .build()
            .evaluate(EVALUATOR, t, FeatureSet.of("g"), GroupKey.of("A"));
    Interval b = r.intervals().get(ReportStatisticId.parse("by_group/B/roc_auc"));
    assertFalse(b != null && b.method().startsWith("delong"), String.valueOf(b));
    ReportStatisticId idA = ReportStatisticId.parse("by_group/A/roc_auc");
    assertEquals(AucIntervals.LOGIT, r.intervals().get(idA).method());
    // three positives: the conservative note, once in the notes
    assertEquals(AucIntervals.FEW_NOTE, r.intervalNotes().get(idA));
    assertTrue(r.notes().contains(AucIntervals.FEW_NOTE));
  }
}
