package org.fairness4j.core.roc;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A ROC curve: for every distinct score t (descending, after an initial +∞), the false and true
 * positive rates of predicting positive when score ≥ t. Equal to scikit-learn's {@code
 * roc_curve(drop_intermediate=False)}. Immutable.
 *
 * @param fpr false positive rates
 * @param tpr true positive rates
 * @param thresholds score thresholds, the first +∞
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {
  /**
   * Copies the arrays.
   *
   * @param fpr false positive rates
   * @param tpr true positive rates
   * @param thresholds thresholds
   */
  public RocCurve {
    fpr = fpr.clone();
    tpr = tpr.clone();
    thresholds = thresholds.clone();
  }

  /**
   * Computes the curve.
   *
   * @param scores one score per row
   * @param positive whether each row is positive
   * @return the curve
   * @throws IllegalArgumentException without positives or negatives
   */
  public static RocCurve of(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order =
        IntStream.range(0, n)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> scores[i]).reversed())
            .toArray(Integer[]::new);
    long p = 0;
    for (boolean b : positive) {
      p += b ? 1 : 0;
    }
    long neg = n - p;
    if (p == 0 || neg == 0) {
      throw new IllegalArgumentException("a ROC curve needs positives and negatives");
    }
    double[] f = new double[n + 1];
    double[] t = new double[n + 1];
    double[] th = new double[n + 1];
    th[0] = Double.POSITIVE_INFINITY;
    int m = 1;
    long tp = 0;
    long fp = 0;
    for (int i = 0; i < n; i++) {
      int r = order[i];
      if (positive[r]) {
        tp++;
      } else {
        fp++;
      }
      if (i + 1 == n || scores[order[i + 1]] != scores[r]) {
        f[m] = (double) fp / neg;
        t[m] = (double) tp / p;
        th[m] = scores[r];
        m++;
      }
    }
    return new RocCurve(Arrays.copyOf(f, m), Arrays.copyOf(t, m), Arrays.copyOf(th, m));
  }

  /**
   * The area under the curve by the trapezoidal rule.
   *
   * @return the AUC
   */
  public double auc() {
    double a = 0;
    for (int i = 1; i < fpr.length; i++) {
      a += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2;
    }
    return a;
  }
}
