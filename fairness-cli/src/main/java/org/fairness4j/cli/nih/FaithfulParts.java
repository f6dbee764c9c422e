package org.fairness4j.cli.nih;

/** The released code's EqOdds and "ECE" difference, as written (see {@link PaperMetrics}). */
final class FaithfulParts {
  private FaithfulParts() {}

  /**
   * {@code calculate_multiclass_eq_odds}: per class one-vs-rest, (|ΔTPR| + |ΔFPR|) / 2 between
   * groups a and b with a rate 0 when its denominator is 0; the mean over classes.
   */
  static double eqOdds(int[] y, int[] p, boolean[] a, boolean[] b, int k) {
    double sum = 0;
    for (int c = 0; c < k; c++) {
      double[] ra = rates(y, p, a, c);
      double[] rb = rates(y, p, b, c);
      sum += (Math.abs(ra[0] - rb[0]) + Math.abs(ra[1] - rb[1])) / 2;
    }
    return sum / k;
  }

  private static double[] rates(int[] y, int[] p, boolean[] in, int c) {
    double[] n = OneVsRest.counts(y, p, in, c); // TP, positives, FP, negatives
    // the released code takes a rate as 0 when its denominator is 0
    return new double[] {n[1] == 0 ? 0 : n[0] / n[1], n[3] == 0 ? 0 : n[2] / n[3]};
  }

  /**
   * {@code calculate_multiclass_ece_difference}: per group the mean over classes i of the mean
   * |output[:, i] − onehot[:, i]|, where the one-hot's column i is the disease {@code
   * RELEASED_ORDER[i]}; the absolute difference between groups a and b (NaN if one is empty).
   */
  static double eceDelta(int[] y, double[][] out, boolean[] a, boolean[] b, int k) {
    return Math.abs(meanAbs(y, out, a, k) - meanAbs(y, out, b, k));
  }

  private static double meanAbs(int[] y, double[][] out, boolean[] in, int k) {
    int[] hot = new int[k];
    for (int i = 0; i < k; i++) {
      hot[i] = NihProtocol.CLASSES.indexOf(PaperMetrics.RELEASED_ORDER.get(i));
    }
    int n = 0;
    for (boolean b : in) {
      n += b ? 1 : 0;
    }
    if (n == 0) {
      return Double.NaN;
    }
    double total = 0;
    for (int i = 0; i < k; i++) {
      double s = 0;
      for (int r = 0; r < y.length; r++) {
        if (in[r]) {
          s += Math.abs(out[r][i] - (y[r] == hot[i] ? 1 : 0));
        }
      }
      total += s / n;
    }
    return total / k;
  }
}
