package org.fairness4j.core.random;

/**
 * NumPy's legacy {@code numpy.random.RandomState} seeded with an integer: the MT19937 generator
 * seeded as {@code RandomState(seed)} seeds it ({@code mt19937_seed}, Knuth's initialisation of the
 * reference implementation's {@code init_genrand}), and the legacy methods that draw bounded
 * integers by masked rejection on 32-bit outputs ({@code random_interval} and {@code
 * buffered_bounded_masked_uint32} in NumPy's {@code distributions.c}). Equal to NumPy draw for draw
 * for {@link #permutation}, {@link #shuffle}, {@link #randint} and {@link #choice} (checked against
 * sequences printed by NumPy: {@code tools/make_numpy_random_fixture.py}).
 *
 * <p>These are the draws behind pandas' {@code DataFrame.sample(n, random_state=seed)} ({@code
 * choice(len, n, replace)}) and scikit-learn's {@code ShuffleSplit}/{@code train_test_split} with
 * an integer {@code random_state} ({@code permutation(n)}).
 *
 * <p>Bounds are limited to ranges below 2<sup>32</sup>, where NumPy draws one 32-bit output per
 * try. Not thread-safe.
 */
public final class NumpyRandomState {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] key = new int[N];
  private int pos;

  /**
   * Seeds as {@code numpy.random.RandomState(seed)}.
   *
   * @param seed the seed, 0 to 2<sup>32</sup> − 1 (NumPy's range)
   * @throws IllegalArgumentException if the seed is outside that range
   */
  public NumpyRandomState(long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, got " + seed);
    }
    int s = (int) seed;
    for (int i = 0; i < N; i++) {
      key[i] = s;
      s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
    }
    pos = N;
  }

  /**
   * The next 32-bit output of MT19937 ({@code mt19937_next32}).
   *
   * @return the output, as an unsigned value in a long
   */
  public long nextUint32() {
    if (pos == N) {
      generate();
    }
    int y = key[pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xFFFFFFFFL;
  }

  private void generate() {
    int i = 0;
    int y;
    for (; i < N - M; i++) {
      y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < N - 1; i++) {
      y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
      key[i] = key[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
    key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    pos = 0;
  }

  /**
   * A uniform integer in [0, max] by masked rejection ({@code random_interval}); no draw when max
   * is 0.
   *
   * @param max the inclusive bound, 0 to 2<sup>32</sup> − 1
   * @return the value
   */
  long interval(long max) {
    if (max == 0) {
      return 0;
    }
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long v;
    do {
      v = nextUint32() & mask;
    } while (v > max);
    return v;
  }

  /**
   * Shuffles in place as {@code RandomState.shuffle} does for a one-dimensional array: for i from n
   * − 1 down to 1, swap element i with element {@code interval(i)}.
   *
   * @param a the array
   */
  public void shuffle(int[] a) {
    for (int i = a.length - 1; i >= 1; i--) {
      int j = (int) interval(i);
      int t = a[j];
      a[j] = a[i];
      a[i] = t;
    }
  }

  /**
   * {@code RandomState.permutation(n)}: {@code arange(n)} shuffled.
   *
   * @param n the size, at least 0
   * @return a permutation of 0 … n − 1
   * @throws IllegalArgumentException if n is negative
   */
  public int[] permutation(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative dimensions are not allowed: " + n);
    }
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    shuffle(a);
    return a;
  }

  /**
   * {@code RandomState.randint(low, high, size)} with the default integer type: {@code size} values
   * uniform in [low, high).
   *
   * @param low the smallest value
   * @param high one more than the largest value
   * @param size how many
   * @return the values
   * @throws IllegalArgumentException if {@code low >= high} or size is negative
   */
  public long[] randint(long low, long high, int size) {
    if (low >= high) {
      throw new IllegalArgumentException("low >= high: " + low + " >= " + high);
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative dimensions are not allowed: " + size);
    }
    long rng = high - 1 - low;
    if (rng < 0 || rng > 0xFFFFFFFFL) {
      throw new IllegalArgumentException(
          "range high - low must be at most 2**32, got " + low + ", " + high);
    }
    long[] out = new long[size];
    for (int i = 0; i < size; i++) {
      // rng == 2^32 - 1: NumPy takes the 32-bit output directly, which is what interval() does
      // with a full mask.
      out[i] = low + interval(rng);
    }
    return out;
  }

  /**
   * {@code RandomState.choice(n, size, replace)} without weights: with replacement {@code
   * randint(0, n, size)}; without, the first {@code size} elements of {@code permutation(n)}.
   *
   * @param n the population size
   * @param size how many
   * @param replace with replacement
   * @return indices into the population
   * @throws IllegalArgumentException if n is not positive while size is, or if {@code size > n}
   *     without replacement, or size is negative
   */
  public int[] choice(int n, int size, boolean replace) {
    if (size < 0) {
      throw new IllegalArgumentException("negative dimensions are not allowed: " + size);
    }
    if (n <= 0 && size != 0) {
      throw new IllegalArgumentException("a must be greater than 0 unless no samples are taken");
    }
    int[] out = new int[size];
    if (replace) {
      long[] r = randint(0, n, size);
      for (int i = 0; i < size; i++) {
        out[i] = (int) r[i];
      }
      return out;
    }
    if (size > n) {
      throw new IllegalArgumentException(
          "cannot take a larger sample than population when replace=False: " + size + " > " + n);
    }
    System.arraycopy(permutation(n), 0, out, 0, size);
    return out;
  }
}
