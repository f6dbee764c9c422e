package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;

/** Properties of bootstrap intervals on random two-group tables, count and row paths. */
class GroupBootstrapProperties {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();
  private static final String ACC = "by_group/A/accuracy";

  /** n rows per group copy: a random base of 60 rows repeated {@code copies} times. */
  private static PredictionTable table(long seed, int copies, boolean weighted) {
    Random r = new Random(seed);
    int base = 60;
    int n = base * copies;
    int[] y = new int[n];
    int[] p = new int[n];
    String[] g = new String[n];
    double[] w = new double[n];
    for (int i = 0; i < base; i++) {
      int yi = r.nextInt(2);
      int pi = r.nextDouble() < 0.7 ? yi : 1 - yi;
      String gi = i % 2 == 0 ? "A" : "B";
      double wi = 0.5 + r.nextInt(3);
      for (int c = 0; c < copies; c++) {
        y[c * base + i] = yi;
        p[c * base + i] = pi;
        g[c * base + i] = gi;
        w[c * base + i] = wi;
      }
    }
    PredictionTable.Builder b =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(y, p)
            .categorical("g", g);
    if (weighted) {
      b.weights(w);
    }
    return b.build();
  }

  private static BootstrapResult boot(PredictionTable t, long seed) {
    return GroupBootstrap.builder()
        .resamples(300)
        .seed(seed)
        .build()
        .evaluate(EVALUATOR, t, FeatureSet.of("g"));
  }

  @Property(tries = 30)
  void aGroupAccuracyIntervalContainsItsEstimateAndIsReproducible(
      @ForAll @IntRange(min = 0, max = 1_000_000) int seed, @ForAll boolean weighted) {
    PredictionTable t = table(seed, 2, weighted);
    BootstrapResult a = boot(t, seed);
    Interval i = a.interval(ACC);
    assertTrue(i.lower() <= i.estimate() && i.estimate() <= i.upper(), i.toString());
    assertTrue(i.lower() >= 0 && i.upper() <= 1, i.toString());
    assertEquals(a.intervals(), boot(t, seed).intervals());
  }

  /** Four times the rows (the same rows repeated): the interval is about half as wide. */
  @Property(tries = 20)
  void intervalsNarrowAsTheSampleGrows(
      @ForAll @IntRange(min = 0, max = 1_000_000) int seed, @ForAll boolean weighted) {
    double small = boot(table(seed, 1, weighted), seed).interval(ACC).width();
    double large = boot(table(seed, 4, weighted), seed).interval(ACC).width();
    if (small > 0) {
      assertTrue(large < small * 0.8, "width " + small + " -> " + large);
    }
  }
}
