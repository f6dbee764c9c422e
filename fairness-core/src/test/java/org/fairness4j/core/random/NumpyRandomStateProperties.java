package org.fairness4j.core.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Properties of {@link NumpyRandomState}. */
class NumpyRandomStateProperties {
  @Property(tries = 200)
  void permutationIsAPermutation(
      @ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long seed,
      @ForAll @IntRange(min = 0, max = 3000) int n) {
    int[] p = new NumpyRandomState(seed).permutation(n);
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < n; i++) {
      assertEquals(i, sorted[i]);
    }
  }

  @Property(tries = 200)
  void sameSeedSameOutput(
      @ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long seed,
      @ForAll @IntRange(min = 1, max = 500) int n) {
    NumpyRandomState a = new NumpyRandomState(seed);
    NumpyRandomState b = new NumpyRandomState(seed);
    assertArrayEquals(a.permutation(n), b.permutation(n));
    assertArrayEquals(a.randint(0, n, 20), b.randint(0, n, 20));
    assertArrayEquals(a.choice(n, n / 2, false), b.choice(n, n / 2, false));
  }

  @Property(tries = 200)
  void choiceWithoutReplacementIsAPrefixOfThePermutationAndDistinct(
      @ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long seed,
      @ForAll @IntRange(min = 1, max = 500) int n,
      @ForAll @IntRange(min = 0, max = 500) int k) {
    int size = Math.min(k, n);
    int[] c = new NumpyRandomState(seed).choice(n, size, false);
    int[] p = new NumpyRandomState(seed).permutation(n);
    assertArrayEquals(Arrays.copyOf(p, size), c);
    Set<Integer> seen = new HashSet<>();
    for (int v : c) {
      assertTrue(seen.add(v), "repeated " + v);
    }
  }

  @Property(tries = 200)
  void randintStaysInRangeAndChoiceWithReplacementIsRandint(
      @ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long seed,
      @ForAll @IntRange(min = -1000, max = 1000) int low,
      @ForAll @IntRange(min = 1, max = 100000) int width) {
    long[] r = new NumpyRandomState(seed).randint(low, (long) low + width, 100);
    for (long v : r) {
      assertTrue(
          v >= low && v < (long) low + width, v + " outside [" + low + ", " + (low + width) + ")");
    }
    int[] c = new NumpyRandomState(seed).choice(width, 100, true);
    long[] ri = new NumpyRandomState(seed).randint(0, width, 100);
    for (int i = 0; i < 100; i++) {
      assertEquals(ri[i], c[i]);
    }
  }

  @Property(tries = 50)
  void outputsAreUnsigned32Bit(@ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long seed) {
    NumpyRandomState rs = new NumpyRandomState(seed);
    for (int i = 0; i < 1500; i++) {
      long v = rs.nextUint32();
      assertTrue(v >= 0 && v <= 0xFFFFFFFFL);
    }
  }
}
