package org.fairness4j.models.adapt;

import java.util.Random;
import org.fairness4j.core.random.SplitMix64;

/**
 * The seeds of an {@link AdaptationTrainer} run, each derived from the run's seed and a counter so
 * that a resumed run replays exactly what the killed run would have done: epoch {@code e} shuffles
 * with a generator seeded from (seed, e), and step {@code s} passes a seed from (seed, s) to the
 * model (dropout) and the data (augmentation).
 */
final class TrainingSeeds {
  private TrainingSeeds() {}

  /** The order of epoch {@code epoch}'s examples: a seeded Fisher–Yates shuffle of 0..n-1. */
  static int[] epochOrder(int n, long seed, int epoch) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    Random rng = new Random(mix(seed, epoch));
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** The seed of global step {@code step} (counted from 0 over all epochs). */
  static long stepSeed(long seed, long step) {
    return mix(seed, 1_000_003L * step + 7);
  }

  /** Well-spread seeds from (seed, counter): output {@code a} of SplitMix64 seeded {@code b}. */
  static long mix(long a, long b) {
    return SplitMix64.output(b, a);
  }
}
