package org.fairness4j.cli.nih;

/** EqOdds and ECE of the corrected variant (see {@link PaperMetrics}). */
final class CorrectedParts {
  private static final int BINS = 15;

  private CorrectedParts() {}

  /**
   * Mean over the classes whose TPR and FPR are defined in both groups of (|ΔTPR| + |ΔFPR|) / 2;
   * NaN when there is none.
   */
  static double eqOdds(int[] y, int[] p, boolean[] a, boolean[] b, int k) {
    double sum = 0;
    int used = 0;
    for (int c = 0; c < k; c++) {
      double[] ra = rates(y, p, a, c);
      double[] rb = rates(y, p, b, c);
      double d = (Math.abs(ra[0] - rb[0]) + Math.abs(ra[1] - rb[1])) / 2;
      if (!Double.isNaN(d)) {
        sum += d;
        used++;
      }
    }
    return used == 0 ? Double.NaN : sum / used;
  }

  private static double[] rates(int[] y, int[] p, boolean[] in, int c) {
    double[] n = OneVsRest.counts(y, p, in, c); // TP, positives, FP, negatives
    return new double[] {n[0] / n[1], n[2] / n[3]};
  }

  /**
   * Top-label ECE over 15 equal-width confidence bins (right-closed): the share-weighted mean of
   * |accuracy − confidence| per bin; NaN when the group is empty.
   */
  static double ece(int[] y, double[][] s, boolean[] in) {
    double[] conf = new double[BINS];
    double[] acc = new double[BINS];
    int n = 0;
    for (int i = 0; i < y.length; i++) {
      if (!in[i]) {
        continue;
      }
      n++;
      int arg = PaperMetrics.argmax(s[i]);
      double q = s[i][arg];
      int b = Math.min(BINS - 1, Math.max(0, (int) Math.ceil(q * BINS) - 1));
      conf[b] += q;
      acc[b] += arg == y[i] ? 1 : 0;
    }
    if (n == 0) {
      return Double.NaN;
    }
    double e = 0;
    for (int b = 0; b < BINS; b++) {
      e += Math.abs(acc[b] - conf[b]) / n;
    }
    return e;
  }
}
