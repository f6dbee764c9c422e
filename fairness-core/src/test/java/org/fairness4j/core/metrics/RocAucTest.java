package org.fairness4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RocAucTest {
  @Test
  void radixOrderEqualsAStableComparisonSort() {
    Random r = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      int n = r.nextInt(300);
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] =
            switch (r.nextInt(5)) {
              case 0 -> -r.nextDouble() * 1e6;
              case 1 -> r.nextInt(3);
              case 2 -> -0.0;
              case 3 -> r.nextGaussian() * 1e-300;
              default -> r.nextDouble();
            };
      }
      Integer[] expected = IntStream.range(0, n).boxed().toArray(Integer[]::new);
      Arrays.sort(expected, Comparator.comparingDouble(i -> s[i] + 0.0));
      assertArrayEquals(
          Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), RocAuc.ascendingOrder(s));
    }
  }

  @Test
  void clustersThatShareTheirLeadingBitsAreStillSortedExactly() {
    Random r = new Random(11);
    int n = 5000;
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = i % 1000 == 0 ? 1e10 : 0.5 + r.nextInt(400) * 1e-13;
    }
    Integer[] expected = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(expected, Comparator.comparingDouble(i -> s[i]));
    assertArrayEquals(
        Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), RocAuc.ascendingOrder(s));
  }

  @Test
  void sortableBitsOrderNegativeZeroAsZero() {
    assertEquals(RocAuc.sortableBits(0.0), RocAuc.sortableBits(-0.0));
    assertEquals(-1, Long.compareUnsigned(RocAuc.sortableBits(-1.0), RocAuc.sortableBits(-0.5)));
    assertEquals(
        -1, Long.compareUnsigned(RocAuc.sortableBits(-1e-300), RocAuc.sortableBits(1e-300)));
  }
}
