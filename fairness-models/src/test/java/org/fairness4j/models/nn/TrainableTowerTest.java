package org.fairness4j.models.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Stochastic depth masks: PyTorch's per-image keep mask, seeded, ones for evaluation. */
class TrainableTowerTest {
  private static TrainableTower tower(double p) {
    return new TrainableTower(null, null, Map.of(), List.of(), -1, Map.of("m", p));
  }

  @Test
  void trainingMasksDropAboutPAndScaleTheRestEvaluationMasksAreOnes() {
    double p = 0.25;
    INDArray m = tower(p).dropPathMasks(20_000, 7, true).get("m");
    assertEquals(List.of(20_000L, 1L, 1L), List.of(m.size(0), m.size(1), m.size(2)));
    int dropped = 0;
    for (float v : m.data().asFloat()) {
      assertTrue(v == 0f || Math.abs(v - 1 / (1 - p)) < 1e-6, "value " + v);
      dropped += v == 0f ? 1 : 0;
    }
    // binomial(20000, 0.25): sd 61; 5 sd
    assertEquals(5_000, dropped, 310);
    assertEquals(1.0, m.meanNumber().doubleValue(), 0.03, "the mask keeps the expectation");
    INDArray e = tower(p).dropPathMasks(8, 7, false).get("m");
    assertEquals(8.0, e.sumNumber().doubleValue(), 0);
  }

  @Test
  void masksAreSeeded() {
    INDArray a = tower(0.5).dropPathMasks(64, 3, true).get("m");
    assertEquals(a, tower(0.5).dropPathMasks(64, 3, true).get("m"));
    assertNotEquals(a, tower(0.5).dropPathMasks(64, 4, true).get("m"));
  }
}
