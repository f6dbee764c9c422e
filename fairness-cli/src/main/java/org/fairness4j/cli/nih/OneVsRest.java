package org.fairness4j.cli.nih;

/** One-vs-rest counts of a class within a group, shared by both EqOdds variants. */
final class OneVsRest {
  private OneVsRest() {}

  /**
   * Counts over the rows in {@code in} with class c as the positive class.
   *
   * @return {@code {TP, positives, FP, negatives}}
   */
  static double[] counts(int[] y, int[] p, boolean[] in, int c) {
    double tp = 0;
    double pos = 0;
    double fp = 0;
    double neg = 0;
    for (int i = 0; i < y.length; i++) {
      if (!in[i]) {
        continue;
      }
      if (y[i] == c) {
        pos++;
        tp += p[i] == c ? 1 : 0;
      } else {
        neg++;
        fp += p[i] == c ? 1 : 0;
      }
    }
    return new double[] {tp, pos, fp, neg};
  }
}
