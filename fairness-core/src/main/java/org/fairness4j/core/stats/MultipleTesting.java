package org.fairness4j.core.stats;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Adjusted p-values for many gaps tested at once: Holm's step-down (family-wise error) and
 * Benjamini–Hochberg (false discovery rate). Equal to statsmodels' {@code multipletests}.
 */
public final class MultipleTesting {
  private MultipleTesting() {}

  private static Integer[] ascending(double[] p) {
    for (double v : p) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("p-values must lie in [0, 1]: " + v);
      }
    }
    return IntStream.range(0, p.length)
        .boxed()
        .sorted(Comparator.comparingDouble(i -> p[i]))
        .toArray(Integer[]::new);
  }

  /**
   * Holm's adjusted p-values.
   *
   * @param p raw p-values
   * @return adjusted p-values, in the input order
   */
  public static double[] holm(double[] p) {
    Integer[] order = ascending(p);
    int m = p.length;
    double[] out = new double[m];
    double running = 0;
    for (int k = 0; k < m; k++) {
      running = Math.max(running, Math.min(1, p[order[k]] * (m - k)));
      out[order[k]] = running;
    }
    return out;
  }

  /**
   * Benjamini–Hochberg adjusted p-values (q-values).
   *
   * @param p raw p-values
   * @return adjusted p-values, in the input order
   */
  public static double[] benjaminiHochberg(double[] p) {
    Integer[] order = ascending(p);
    int m = p.length;
    double[] out = new double[m];
    double running = 1;
    for (int k = m - 1; k >= 0; k--) {
      running = Math.min(running, p[order[k]] * m / (k + 1));
      out[order[k]] = Math.min(1, running);
    }
    return out;
  }
}
