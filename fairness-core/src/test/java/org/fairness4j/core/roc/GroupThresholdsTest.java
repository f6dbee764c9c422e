package org.fairness4j.core.roc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;

/** Per-group thresholds against a brute-force search over every candidate, row by row. */
class GroupThresholdsTest {
  private static PredictionTable split(long seed, int n, boolean groupCWithoutPositives) {
    Random r = new Random(seed);
    int[] y = new int[n];
    double[] s = new double[n];
    String[] g = new String[n];
    String[] patient = new String[n];
    for (int i = 0; i < n; i++) {
      g[i] = new String[] {"A", "B", "C"}[r.nextInt(3)];
      y[i] = g[i].equals("C") && groupCWithoutPositives ? 0 : r.nextDouble() < 0.4 ? 1 : 0;
      double shift = g[i].equals("B") ? 0.8 : 0;
      s[i] = Math.round(100 / (1 + Math.exp(-(r.nextGaussian() + 1.5 * y[i] - shift)))) / 100.0;
      patient[i] = "P" + (i / 2);
    }
    return PredictionTable.builder()
        .classes(ClassLabels.ofInts(0, 1))
        .labels(y, new int[n])
        .scores("1", s)
        .categorical("g", g)
        .clusters(patient)
        .build();
  }

  /** Brute force: F1 at every distinct score, computed from the rows; lowest best wins. */
  private static double bruteMaxF1(PredictionTable t, String group) {
    double best = Double.NaN;
    double bestF1 = -1;
    double[] s = t.scores("1");
    java.util.TreeSet<Double> cands = new java.util.TreeSet<>();
    for (int i = 0; i < s.length; i++) {
      if (in(t, i, group)) {
        cands.add(s[i]);
      }
    }
    for (double c : cands) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (int i = 0; i < s.length; i++) {
        if (!in(t, i, group)) {
          continue;
        }
        boolean pred = s[i] >= c;
        boolean pos = t.trueClass(i) == 1;
        tp += pred && pos ? 1 : 0;
        fp += pred && !pos ? 1 : 0;
        fn += !pred && pos ? 1 : 0;
      }
      double f1 = 2.0 * tp / (2.0 * tp + fp + fn);
      if (f1 > bestF1) {
        bestF1 = f1;
        best = c;
      }
    }
    return best;
  }

  private static String level(PredictionTable t, int i) {
    var a = t.requireAttribute("g");
    return a.levels().get(a.code(i));
  }

  private static boolean in(PredictionTable t, int i, String group) {
    return group == null || level(t, i).equals(group);
  }

  @Test
  void eachGroupGetsTheBruteForceThresholdAndTheTestRowsUseIt() {
    PredictionTable val = split(1, 600, false);
    PredictionTable test = split(2, 500, false);
    GroupThresholds th = GroupThresholds.fit(val, FeatureSet.of("g"), "1", ThresholdRule.maxF1());
    assertEquals(bruteMaxF1(val, null), th.pooled());
    for (String g : new String[] {"A", "B", "C"}) {
      assertEquals(bruteMaxF1(val, g), th.byGroup().get(GroupKey.of(g)), g);
    }
    assertTrue(th.pooledGroups().isEmpty());
    PredictionTable out = th.apply(test);
    double[] s = test.scores("1");
    for (int i = 0; i < s.length; i++) {
      double t = th.byGroup().get(GroupKey.of(level(test, i)));
      assertEquals(s[i] >= t ? 1 : 0, out.predictedClass(i), "row " + i);
      assertEquals(test.trueClass(i), out.trueClass(i));
      assertEquals(test.cluster(i), out.cluster(i));
    }
    PredictionTable pooled = th.applyPooled(test);
    for (int i = 0; i < s.length; i++) {
      assertEquals(s[i] >= th.pooled() ? 1 : 0, pooled.predictedClass(i));
    }
  }

  @Test
  void aGroupWithoutPositivesUsesThePooledThresholdAndSaysWhy() {
    PredictionTable val = split(3, 600, true);
    GroupThresholds th = GroupThresholds.fit(val, FeatureSet.of("g"), "1", ThresholdRule.youden());
    assertFalse(th.byGroup().containsKey(GroupKey.of("C")));
    assertEquals("no positive rows", th.pooledGroups().get(GroupKey.of("C")));
    PredictionTable out = th.apply(split(4, 300, false));
    for (int i = 0; i < out.rowCount(); i++) {
      if (level(out, i).equals("C")) {
        assertEquals(out.scores("1")[i] >= th.pooled() ? 1 : 0, out.predictedClass(i));
      }
    }
    assertTrue(th.toString().contains("pooled for"));
  }

  @Test
  void targetRatesAreReachedWithTheBestOtherRate() {
    PredictionTable val = split(5, 800, false);
    double[] s = val.scores("1");
    boolean[] y = new boolean[s.length];
    for (int i = 0; i < s.length; i++) {
      y[i] = val.trueClass(i) == 1;
    }
    double t = Thresholds.forTargetTnr(s, y, 0.9);
    assertTrue(tnr(s, y, t) >= 0.9);
    // the next lower candidate misses the target: no lower threshold (higher TPR) would do
    double lower = java.util.Arrays.stream(s).filter(v -> v < t).max().orElse(Double.NaN);
    assertTrue(Double.isNaN(lower) || tnr(s, y, lower) < 0.9);
    assertEquals(1.0, tnr(s, y, Thresholds.forTargetTnr(s, y, 1.0)));
    assertThrows(IllegalArgumentException.class, () -> ThresholdRule.targetTnr(0));
    assertEquals(0.5, ThresholdRule.fixed(0.5).fit(s, y));
  }

  private static double tnr(double[] s, boolean[] y, double t) {
    int tn = 0;
    int n = 0;
    for (int i = 0; i < s.length; i++) {
      if (!y[i]) {
        n++;
        tn += s[i] < t ? 1 : 0;
      }
    }
    return (double) tn / n;
  }
}
