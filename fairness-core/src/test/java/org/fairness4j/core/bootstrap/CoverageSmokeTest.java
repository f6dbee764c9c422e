package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/**
 * A tiny, seeded version of the coverage study (tools/coverage_study.sh, docs/statistics.md): three
 * equal groups, so every true gap is 0. The signed differences cover 0 about as often as they
 * should; the max − min gap over three groups never does, and says so with a warning.
 */
class CoverageSmokeTest {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();
  private static final int TABLES = 60;

  private static PredictionTable table(SplittableRandom rng) {
    int n = 3 * 80;
    int[] y = new int[n];
    int[] p = new int[n];
    String[] g = new String[n];
    for (int i = 0; i < n; i++) {
      g[i] = "ABC".substring(i % 3, i % 3 + 1);
      y[i] = rng.nextDouble() < 0.4 ? 1 : 0;
      p[i] = rng.nextDouble() < (y[i] == 1 ? 0.75 : 0.12) ? 1 : 0;
    }
    return PredictionTable.builder()
        .classes(ClassLabels.ofInts(0, 1))
        .labels(y, p)
        .categorical("g", g)
        .build();
  }

  @Test
  void atTheNullSignedDifferencesCoverZeroAndGapsAreWarned() {
    SplittableRandom rng = new SplittableRandom(11);
    int diffCovers = 0;
    int wilsonCovers = 0;
    int f1Covers = 0;
    int gapCovers = 0;
    int gapWarned = 0;
    for (int t = 0; t < TABLES; t++) {
      BootstrapResult r =
          GroupBootstrap.builder()
              .resamples(200)
              .seed(t)
              .build()
              .evaluate(EVALUATOR, table(rng), FeatureSet.of("g"), GroupKey.of("A"));
      Interval d = r.interval("difference/to_reference/B/recall");
      assertEquals("miettinen-nurminen", d.method());
      diffCovers += d.contains(0) ? 1 : 0;
      wilsonCovers += r.interval("by_group/C/fpr").contains(0.12) ? 1 : 0;
      Interval f1 = r.interval("difference/to_reference/B/f1");
      assertEquals("mover-wilson-jaccard", f1.method());
      f1Covers += f1.contains(0) ? 1 : 0;
      String gap = "difference/between_groups/recall";
      gapCovers += r.interval(gap).contains(0) ? 1 : 0;
      gapWarned += r.warning(gap).isPresent() ? 1 : 0;
    }
    // 95 % nominal; with 60 tables the binomial SE is about 2.8 points.
    assertTrue(diffCovers >= 52, "signed difference covered 0 in " + diffCovers + "/" + TABLES);
    assertTrue(wilsonCovers >= 52, "Wilson covered the FPR in " + wilsonCovers + "/" + TABLES);
    assertTrue(f1Covers >= 52, "the F1 difference covered 0 in " + f1Covers + "/" + TABLES);
    assertEquals(0, gapCovers, "a max − min percentile interval cannot contain 0");
    assertEquals(TABLES, gapWarned);
  }
}
