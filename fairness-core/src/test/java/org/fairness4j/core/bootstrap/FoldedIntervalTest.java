package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * The interval of |δ| keeps 95 % coverage near 0, where folding the signed interval at 0 covered up
 * to 97.5 % and more (docs/statistics.md, "Two-group gaps").
 */
class FoldedIntervalTest {
  private static final double Z = 1.959963984540054;

  @Test
  void farFromZeroItIsTheSignedInterval() {
    double[] g = FoldedInterval.of(-0.5, -0.6, -0.38, Z, 0.05);
    assertEquals(0.38, g[0], 1e-9);
    assertEquals(0.6, g[1], 1e-9);
  }

  @Test
  void anObservedGapOfZeroGivesZeroToTheHalfWidth() {
    double[] g = FoldedInterval.of(0, -0.1, 0.1, Z, 0.05);
    assertEquals(0, g[0]);
    assertEquals(0.1, g[1], 1e-9);
  }

  /** Under the normal model, coverage is 95 % at every true gap, 0 included. */
  @Test
  void normalModelCoverageIsNominalAtEveryGap() {
    SplittableRandom rng = new SplittableRandom(11);
    for (double theta : new double[] {0, 0.25, 0.5, 1, 2, 3, 5}) {
      int n = 40_000;
      int covered = 0;
      int foldCovered = 0;
      for (int i = 0; i < n; i++) {
        double d = theta + gaussian(rng);
        double[] g = FoldedInterval.of(d, d - Z, d + Z, Z, 0.05);
        assertTrue(g[0] <= Math.abs(d) + 1e-12 && Math.abs(d) <= g[1] + 1e-12 || g[0] > 0);
        covered += g[0] <= theta && theta <= g[1] ? 1 : 0;
        double[] f = FoldedInterval.fold(d - Z, d + Z);
        foldCovered += f[0] <= theta && theta <= f[1] ? 1 : 0;
      }
      double cov = covered / (double) n;
      assertEquals(
          0.95, cov, 0.006, "theta " + theta + " (fold: " + foldCovered / (double) n + ")");
    }
  }

  /**
   * End to end: two groups of 250 positives with recalls 0.80 and 0.82 and 250 negatives with FPRs
   * 0.20 and 0.22. The reported recall gap's interval covers 0.02 in 93–97 % of 1500 tables (the
   * plain fold covered about 97.5 %), and so does worst-case equalized odds, max(0.02, 0.02) (two
   * 95 % components combined by max covered about 88 %).
   */
  @Test
  void reportedTwoGroupGapsCoverNominallyNearZero() {
    FairnessEvaluator evaluator = FairnessEvaluator.builder().positiveLabel("1").build();
    // The score intervals need no replicates: the fewest the builder allows.
    GroupBootstrap boot = GroupBootstrap.builder().resamples(2).seed(3).build();
    SplittableRandom rng = new SplittableRandom(5);
    int tables = 1500;
    int covered = 0;
    int eoCovered = 0;
    for (int t = 0; t < tables; t++) {
      List<int[]> rows = new ArrayList<>();
      List<String> group = new ArrayList<>();
      for (String g : new String[] {"A", "B"}) {
        double recall = g.equals("A") ? 0.80 : 0.82;
        double fpr = g.equals("A") ? 0.20 : 0.22;
        for (int i = 0; i < 250; i++) {
          rows.add(new int[] {1, rng.nextDouble() < recall ? 1 : 0});
          rows.add(new int[] {0, rng.nextDouble() < fpr ? 1 : 0});
          group.add(g);
          group.add(g);
        }
      }
      PredictionTable table =
          PredictionTable.builder()
              .classes(ClassLabels.ofInts(0, 1))
              .labels(
                  rows.stream().mapToInt(r -> r[0]).toArray(),
                  rows.stream().mapToInt(r -> r[1]).toArray())
              .categorical("g", group.toArray(String[]::new))
              .build();
      BootstrapResult r = boot.evaluate(evaluator, table, FeatureSet.of("g"));
      Interval i = r.interval("difference/between_groups/recall");
      assertEquals("miettinen-nurminen-folded", i.method());
      covered += i.lower() <= 0.02 + 1e-12 && 0.02 <= i.upper() + 1e-12 ? 1 : 0;
      Interval eo = r.interval("fairness/equalized_odds_difference/between_groups/worst_case");
      assertEquals("miettinen-nurminen-folded", eo.method());
      eoCovered += eo.lower() <= 0.02 + 1e-12 && 0.02 <= eo.upper() + 1e-12 ? 1 : 0;
    }
    double cov = covered / (double) tables;
    assertTrue(cov >= 0.93 && cov <= 0.97, "coverage " + cov);
    double eoCov = eoCovered / (double) tables;
    assertTrue(eoCov >= 0.93 && eoCov <= 0.97, "equalized odds coverage " + eoCov);
  }

  private static double gaussian(SplittableRandom rng) {
    double u = rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }
}
