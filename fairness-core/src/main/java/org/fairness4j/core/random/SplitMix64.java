package org.fairness4j.core.random;

import java.util.random.RandomGenerator;

/**
 * SplitMix64 (Steele, Lea and Flood 2014): a tiny generator that any language reproduces exactly,
 * and the project's one seeding utility. The state advances by the golden gamma {@code
 * 0x9E3779B97F4A7C15} and each output is {@link #mix} of the state, so the generator seeded {@code
 * s} gives the same longs as the JDK's {@code new java.util.SplittableRandom(s).nextLong()}. Used
 * for the draws of the project's own split designs ({@link #below}), and through {@link #output}
 * for well-spread seeds of independent streams (bootstrap replicates, training epochs and steps).
 * Not thread-safe.
 */
public final class SplitMix64 implements RandomGenerator {
  /** The golden gamma: the increment of the state per output. */
  public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  /**
   * Creates the generator.
   *
   * @param seed the seed (the initial state)
   */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /**
   * The output finalizer (Stafford's variant 13 of MurmurHash3's): a bijection of the longs that
   * spreads every input bit over the output.
   *
   * @param z any long
   * @return its mix
   */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The {@code index}-th output (1 is the first) of the generator seeded {@code seed}, without
   * stepping through the ones before: {@code mix(seed + index·GOLDEN_GAMMA)}. A seed for stream
   * {@code index} of a computation seeded {@code seed}.
   *
   * @param seed the generator's seed
   * @param index which output, 1 for the first (any long; wraps like the state)
   * @return that output
   */
  public static long output(long seed, long index) {
    return mix(seed + index * GOLDEN_GAMMA);
  }

  /**
   * Returns the next output.
   *
   * @return 64 well-mixed bits
   */
  @Override
  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /**
   * Uniform in [0, bound) as the unsigned remainder of {@link #nextLong()} (slightly biased for
   * bounds that do not divide 2^64; kept because published draws depend on it). Other libraries'
   * bounded draws (e.g. {@code nextInt(bound)}) differ.
   *
   * @param bound the exclusive upper bound
   * @return the draw
   * @throws IllegalArgumentException if bound is not positive
   */
  public int below(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    return (int) Long.remainderUnsigned(nextLong(), bound);
  }
}
