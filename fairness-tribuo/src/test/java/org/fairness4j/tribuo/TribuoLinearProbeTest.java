package org.fairness4j.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.fairness4j.core.table.ClassLabels;
import org.junit.jupiter.api.Test;

class TribuoLinearProbeTest {
  private static float[][] x;
  private static int[] y;

  private static void data(long seed, int n) {
    Random rng = new Random(seed);
    x = new float[n][8];
    y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(3);
      for (int d = 0; d < 8; d++) {
        x[i][d] = (float) (rng.nextGaussian() + (d % 3 == y[i] ? 2 : 0));
      }
    }
  }

  @Test
  void learnsSeparableEmbeddingsAndGivesProbabilitiesInClassOrder() {
    ClassLabels classes = ClassLabels.of("a", "b", "c");
    data(1, 300);
    TribuoLinearProbe probe = TribuoLinearProbe.fit(x, y, classes, 10, 7);
    data(2, 200);
    float[][] p = probe.probabilities(x);
    int ok = 0;
    for (int i = 0; i < p.length; i++) {
      float sum = p[i][0] + p[i][1] + p[i][2];
      assertEquals(1.0, sum, 1e-5);
      int arg = p[i][0] >= p[i][1] && p[i][0] >= p[i][2] ? 0 : p[i][1] >= p[i][2] ? 1 : 2;
      ok += arg == y[i] ? 1 : 0;
    }
    assertTrue(ok > 180, ok + " of 200 correct");
    assertTrue(probe.model().getProvenance().toString().contains("LinearSGDTrainer"));
  }

  @Test
  void theSameSeedGivesTheSameProbe() {
    ClassLabels classes = ClassLabels.of("a", "b", "c");
    data(1, 100);
    float[][] a = TribuoLinearProbe.fit(x, y, classes, 3, 5).probabilities(x);
    float[][] b = TribuoLinearProbe.fit(x, y, classes, 3, 5).probabilities(x);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i]);
    }
  }
}
