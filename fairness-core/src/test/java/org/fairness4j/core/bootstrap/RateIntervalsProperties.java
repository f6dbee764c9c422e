package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;

/**
 * Every score interval contains its estimate, and every interval stays in range, whatever the rates
 * (0 and 1 included), group sizes and clustering; rates never collapse to a point; gaps are never
 * negative.
 */
class RateIntervalsProperties {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();

  private static PredictionTable table(
      long seed, int rows, double tpr, double fpr, boolean clustered) {
    Random r = new Random(seed);
    int[] y = new int[rows];
    int[] p = new int[rows];
    String[] g = new String[rows];
    String[] ids = new String[rows];
    for (int i = 0; i < rows; i++) {
      g[i] = i % 3 == 0 ? "A" : i % 3 == 1 ? "B" : (rows > 40 ? "C" : "B");
      y[i] = r.nextDouble() < 0.4 ? 1 : 0;
      p[i] = r.nextDouble() < (y[i] == 1 ? tpr : fpr) ? 1 : 0;
      ids[i] = g[i] + (i / 9);
    }
    PredictionTable.Builder b =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(y, p)
            .categorical("g", g);
    if (clustered) {
      b.clusters(ids);
    }
    return b.build();
  }

  @Property(tries = 40)
  void intervalsContainTheirEstimateAndStayInRange(
      @ForAll long seed,
      @ForAll @IntRange(min = 12, max = 150) int rows,
      @ForAll @DoubleRange(min = 0, max = 1) double tpr,
      @ForAll @DoubleRange(min = 0, max = 1) double fpr,
      @ForAll boolean clustered) {
    BootstrapResult r =
        GroupBootstrap.builder()
            .resamples(60)
            .seed(seed)
            .clustered(clustered)
            .build()
            .evaluate(
                EVALUATOR,
                table(seed, rows, tpr, fpr, clustered),
                FeatureSet.of("g"),
                GroupKey.of("A"));
    for (Map.Entry<ReportStatisticId, Interval> e : r.intervals().entrySet()) {
      String s = e.getKey().key();
      Interval i = e.getValue();
      String what = s + " " + i;
      assertTrue(i.lower() <= i.upper(), what);
      if (!i.method().startsWith("bootstrap")) {
        // Score intervals contain their estimate (percentile ones need not: a gap's is biased).
        assertTrue(i.lower() - 1e-12 <= i.estimate() && i.estimate() <= i.upper() + 1e-12, what);
      }
      if (s.startsWith("by_group/") || s.startsWith("overall/")) {
        assertTrue(i.lower() >= 0 && i.upper() <= 1 || s.endsWith("roc_auc"), what);
        if (i.method().startsWith("wilson")) {
          assertTrue(i.upper() > i.lower(), "a score interval never collapses: " + what);
        }
      }
      if (s.startsWith("difference/between_groups/") || s.startsWith("ratio/")) {
        assertTrue(i.lower() >= 0, what);
      }
      if (s.startsWith("ratio/between_groups/")) {
        assertTrue(i.upper() <= 1 + 1e-12, what);
      }
      double share = r.undefinedShare(s);
      assertTrue(share >= 0 && share <= 1, what);
    }
  }
}
