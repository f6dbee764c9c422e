package org.fairness4j.core.metrics;

/**
 * The (weighted) binary confusion counts of one group, with its unweighted row count.
 *
 * @param tp true positives
 * @param fp false positives
 * @param fn false negatives
 * @param tn true negatives
 * @param rows number of rows
 */
public record BinaryCounts(double tp, double fp, double fn, double tn, long rows) {
  /**
   * Returns the weight of rows with the positive true label, TP + FN.
   *
   * @return the positives
   */
  public double positives() {
    return tp + fn;
  }

  /**
   * Returns the weight of rows with a negative true label, FP + TN.
   *
   * @return the negatives
   */
  public double negatives() {
    return fp + tn;
  }

  /**
   * Returns the total weight.
   *
   * @return TP + FP + FN + TN
   */
  public double total() {
    return tp + fp + fn + tn;
  }

  /** One-vs-rest counts of a K×K confusion matrix {@code [true][predicted]}. */
  static BinaryCounts oneVsRest(double[][] m, int positive, long rows) {
    double tp = 0;
    double fp = 0;
    double fn = 0;
    double tn = 0;
    for (int t = 0; t < m.length; t++) {
      for (int p = 0; p < m.length; p++) {
        double v = m[t][p];
        if (t == positive) {
          if (p == positive) {
            tp += v;
          } else {
            fn += v;
          }
        } else if (p == positive) {
          fp += v;
        } else {
          tn += v;
        }
      }
    }
    return new BinaryCounts(tp, fp, fn, tn, rows);
  }
}
