package org.fairness4j.examples.nih;

/**
 * SplitMix64 (Steele, Lea and Flood 2014): a tiny generator that any language reproduces exactly;
 * the draws of this project's own designs ({@link NihProtocol#patientDisjoint}, {@link
 * NihProtocol#official}). Not thread-safe.
 */
final class SplitMix64 {
  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  long next() {
    state += 0x9E3779B97F4A7C15L;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, bound) as the unsigned remainder of {@link #next()}. */
  int below(int bound) {
    return (int) Long.remainderUnsigned(next(), bound);
  }
}
