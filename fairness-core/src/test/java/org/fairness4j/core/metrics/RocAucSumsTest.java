package org.fairness4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Hand-checked AUC sums: ties count one half, ranges chain, undefined reasons. */
class RocAucSumsTest {
  @Test
  void tiesCountOneHalfAndRangesChain() {
    // Group 0: scores (label) 0.1(-) 0.4(+) 0.4(-) 0.8(+): pairs (+0.4 vs -0.1)=1, (+0.4 vs
    // -0.4)=0.5,
    // (+0.8 vs -0.1)=1, (+0.8 vs -0.4)=1 -> 3.5 / 4. Group 1: one positive only. Group 2: empty.
    RocAucSums.Accumulator low = RocAucSums.accumulator(3);
    low.add(0.1, false, 1, 0);
    low.add(0.4, true, 1, 0);
    low.add(0.4, false, 1, 0);
    low.add(0.5, true, 1, 1);
    RocAucSums.Accumulator high = RocAucSums.accumulator(3);
    high.add(0.8, true, 1, 0);
    high.add(0.9, false, 1, -1);
    MetricValue[] v = low.finish().then(high.finish()).values();
    assertEquals(0.875, v[0].value());
    assertEquals(UndefinedReason.NO_NEGATIVES, v[1].reason());
    assertEquals(UndefinedReason.EMPTY_GROUP, v[2].reason());
    // Overall: negatives 0.1, 0.4; positives 0.4, 0.5, 0.8 -> (1 + 0.5) + 2 + 2 = 5.5 / 6.
    assertEquals(5.5 / 6, v[3].value(), 1e-15);
  }

  @Test
  void weightsScaleThePairs() {
    RocAucSums.Accumulator a = RocAucSums.accumulator(1);
    a.add(0.2, false, 3, 0);
    a.add(0.7, true, 2, 0);
    a.add(0.7, false, 1, 0);
    // positive weight 2 above negative weight 3 (6), tied with weight 1 (0.5 * 2) -> 7 / (2 * 4).
    assertEquals(7.0 / 8, a.finish().values()[0].value());
  }

  @Test
  void descendingOrNonFiniteScoresAreRefused() {
    RocAucSums.Accumulator a = RocAucSums.accumulator(1);
    a.add(0.5, true, 1, 0);
    assertThrows(IllegalArgumentException.class, () -> a.add(0.4, true, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> a.add(Double.NaN, true, 1, 0));
    assertThrows(
        IllegalArgumentException.class, () -> RocAucSums.empty(1).then(RocAucSums.empty(2)));
  }
}
