package org.fairness4j.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * SplitMix64 against the JDK's {@link SplittableRandom} (the same algorithm: golden-gamma state
 * steps and Stafford's variant-13 finalizer), and the two seed derivations it replaced, kept here
 * as they were written so every seed the project derives stays the same.
 */
class SplitMix64Properties {
  @Property
  void outputsAreThoseOfTheJdksSplittableRandom(@ForAll long seed) {
    SplitMix64 mine = new SplitMix64(seed);
    SplittableRandom jdk = new SplittableRandom(seed);
    for (int i = 0; i < 8; i++) {
      assertEquals(jdk.nextLong(), mine.nextLong(), "output " + (i + 1));
    }
  }

  @Property
  void outputJumpsToTheIthDraw(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int index) {
    SplitMix64 g = new SplitMix64(seed);
    long last = 0;
    for (int i = 0; i < index; i++) {
      last = g.nextLong();
    }
    assertEquals(last, SplitMix64.output(seed, index));
  }

  /** The bootstrap's former {@code RowResampling.mix(seed, b)}: replicate b's stream seed. */
  @Property
  void bootstrapReplicateSeedsAreUnchanged(
      @ForAll long seed, @ForAll @LongRange(min = 0, max = 1_000_000) long b) {
    long z = seed + (b + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    assertEquals(z ^ (z >>> 31), SplitMix64.output(seed, b + 1));
  }

  /** The trainer's former {@code AdaptationTrainer.mix(a, b)}: seeds of epochs, steps, images. */
  @Property
  void trainingSeedsAreUnchanged(@ForAll long a, @ForAll long b) {
    long z = a * 0x9E3779B97F4A7C15L + b;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    assertEquals(z ^ (z >>> 31), SplitMix64.output(b, a));
  }

  @Property
  void belowIsTheUnsignedRemainderOfTheNextOutput(
      @ForAll long seed, @ForAll @IntRange(min = 1) int bound) {
    int draw = new SplitMix64(seed).below(bound);
    assertEquals(Long.remainderUnsigned(new SplittableRandom(seed).nextLong(), bound), (long) draw);
    assertThrows(IllegalArgumentException.class, () -> new SplitMix64(seed).below(0));
  }
}
