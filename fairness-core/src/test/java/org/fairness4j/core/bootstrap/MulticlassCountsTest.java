package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/** The small-class warning on macro averages of a three-class report. */
class MulticlassCountsTest {
  /** Group A: 40 rows, 4 of class 2, which is about 10 % of all rows; group B: 400 rows. */
  private static BootstrapResult run() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 440;
    int[] y = new int[n];
    int[] p = new int[n];
    String[] g = new String[n];
    for (int i = 0; i < n; i++) {
      double u = i < 40 ? (i % 10 + 0.5) / 10 : rng.nextDouble();
      y[i] = u < 0.5 ? 0 : u < 0.9 ? 1 : 2;
      p[i] = rng.nextDouble() < 0.8 ? y[i] : (y[i] + 1) % 3;
      g[i] = i < 40 ? "A" : "B";
    }
    PredictionTable t =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1, 2))
            .labels(y, p)
            .categorical("g", g)
            .build();
    return GroupBootstrap.builder()
        .resamples(200)
        .seed(1)
        .build()
        .evaluate(FairnessEvaluator.builder().build(), t, FeatureSet.of("g"), GroupKey.of("B"));
  }

  @Test
  void macroAveragesOfASmallGroupAreWarnedItsAccuracyAndTheLargeGroupNot() {
    BootstrapResult r = run();
    for (String s :
        new String[] {
          "by_group/A/macro_f1", "by_group/A/weighted_f1", "difference/to_reference/A/macro_f1"
        }) {
      assertEquals(MulticlassCounts.WARNING, r.warning(ReportStatisticId.parse(s)).orElse(null), s);
    }
    // Macro recall has a score interval since session 10 (h22x, MulticlassIntervals): not warned.
    assertTrue(
        MulticlassIntervals.isMethod(
            r.intervals().get(ReportStatisticId.parse("by_group/A/macro_recall")).method()));
    assertFalse(r.warning(ReportStatisticId.parse("by_group/B/macro_f1")).isPresent());
    assertFalse(r.warning(ReportStatisticId.parse("overall/macro_f1")).isPresent());
    assertFalse(r.warning(ReportStatisticId.parse("by_group/A/accuracy")).isPresent());
    assertTrue(r.intervals().containsKey(ReportStatisticId.parse("by_group/A/accuracy")));
    assertTrue(r.intervals().containsKey(ReportStatisticId.parse("by_group/A/macro_recall")));
  }

  @Test
  void macroAucGetsTheScoreIntervalAndItsResamplingIntervalIsWarned() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 440;
    int[] y = new int[n];
    int[] p = new int[n];
    String[] g = new String[n];
    double[][] s = new double[3][n];
    for (int i = 0; i < n; i++) {
      double u = i < 40 ? (i % 10 + 0.5) / 10 : rng.nextDouble();
      y[i] = u < 0.5 ? 0 : u < 0.9 ? 1 : 2;
      p[i] = rng.nextDouble() < 0.8 ? y[i] : (y[i] + 1) % 3;
      g[i] = i < 40 ? "A" : "B";
      for (int c = 0; c < 3; c++) {
        s[c][i] = (c == y[i] ? 0.4 : 0) + rng.nextDouble();
      }
    }
    PredictionTable t =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1, 2))
            .labels(y, p)
            .scores("0", s[0])
            .scores("1", s[1])
            .scores("2", s[2])
            .categorical("g", g)
            .build();
    // Percentile (analytic off): warned, the rare-class rule first.
    BootstrapResult r = scored(t, false);
    assertEquals(
        MulticlassCounts.WARNING,
        r.warning(ReportStatisticId.parse("by_group/A/macro_roc_auc_ovr")).orElse(null));
    for (String id : new String[] {"by_group/B/macro_roc_auc_ovr", "overall/macro_roc_auc_ovr"}) {
      assertEquals(
          MulticlassCounts.MACRO_AUC_WARNING,
          r.warning(ReportStatisticId.parse(id)).orElse(null),
          id);
    }
    // By default the score interval (MacroAucIntervals) replaces them, unwarned.
    BootstrapResult d = scored(t, true);
    for (String id :
        new String[] {
          "by_group/A/macro_roc_auc_ovr",
          "overall/macro_roc_auc_ovr",
          "difference/to_reference/A/macro_roc_auc_ovr"
        }) {
      ReportStatisticId sid = ReportStatisticId.parse(id);
      assertTrue(d.intervals().get(sid).method().endsWith(MacroAucIntervals.METHOD), id);
      assertFalse(d.warning(sid).isPresent(), id);
    }
    assertFalse(d.warning(ReportStatisticId.parse("by_group/B/macro_recall")).isPresent());
  }

  private static BootstrapResult scored(PredictionTable t, boolean analytic) {
    return GroupBootstrap.builder()
        .resamples(100)
        .seed(1)
        .scores(true)
        .analytic(analytic)
        .build()
        .evaluate(FairnessEvaluator.builder().build(), t, FeatureSet.of("g"), GroupKey.of("B"));
  }
}
