package org.fairness4j.core.roc;

import java.util.Arrays;

/**
 * Decision thresholds chosen on one split (e.g. validation) to apply to another, never on the test
 * labels: predicted positive means score ≥ threshold. Candidates are the distinct scores,
 * ascending; ties in the criterion go to the lowest candidate.
 */
public final class Thresholds {
  private Thresholds() {}

  private record Counts(double[] candidates, long[] tp, long[] fp, long p, long n) {}

  private static Counts counts(double[] scores, boolean[] positive) {
    double[] c = Arrays.stream(scores).distinct().sorted().toArray();
    long[] tp = new long[c.length];
    long[] fp = new long[c.length];
    long p = 0;
    for (int i = 0; i < scores.length; i++) {
      // rows with score >= c[k] for every k up to its own position
      int k = Arrays.binarySearch(c, scores[i]);
      if (positive[i]) {
        tp[k]++;
        p++;
      } else {
        fp[k]++;
      }
    }
    for (int k = c.length - 2; k >= 0; k--) {
      tp[k] += tp[k + 1];
      fp[k] += fp[k + 1];
    }
    return new Counts(c, tp, fp, p, scores.length - p);
  }

  /**
   * The threshold of highest F1 = 2TP/(2TP + FP + FN).
   *
   * @param scores validation scores
   * @param positive validation labels
   * @return the threshold
   */
  public static double maxF1(double[] scores, boolean[] positive) {
    Counts c = counts(scores, positive);
    int best = 0;
    double bestF1 = -1;
    for (int k = 0; k < c.candidates().length; k++) {
      double fn = c.p() - c.tp()[k];
      double f1 = 2.0 * c.tp()[k] / (2.0 * c.tp()[k] + c.fp()[k] + fn);
      if (f1 > bestF1) {
        bestF1 = f1;
        best = k;
      }
    }
    return c.candidates()[best];
  }

  /**
   * The threshold of highest Youden's J = TPR − FPR.
   *
   * @param scores validation scores
   * @param positive validation labels
   * @return the threshold
   */
  public static double youden(double[] scores, boolean[] positive) {
    Counts c = counts(scores, positive);
    int best = 0;
    double bestJ = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < c.candidates().length; k++) {
      double j = (double) c.tp()[k] / c.p() - (double) c.fp()[k] / c.n();
      if (j > bestJ) {
        bestJ = j;
        best = k;
      }
    }
    return c.candidates()[best];
  }

  /**
   * The highest threshold whose TPR reaches a target (e.g. 0.9 sensitivity).
   *
   * @param scores validation scores
   * @param positive validation labels
   * @param targetTpr in (0, 1]
   * @return the threshold
   */
  public static double forTargetTpr(double[] scores, boolean[] positive, double targetTpr) {
    Counts c = counts(scores, positive);
    for (int k = c.candidates().length - 1; k >= 0; k--) {
      if ((double) c.tp()[k] / c.p() >= targetTpr) {
        return c.candidates()[k];
      }
    }
    return c.candidates()[0];
  }

  /**
   * The lowest threshold whose TNR (specificity) reaches a target, so the highest TPR under that
   * constraint; above every score when only predicting no positive at all reaches it.
   *
   * @param scores validation scores
   * @param positive validation labels
   * @param targetTnr in (0, 1]
   * @return the threshold
   */
  public static double forTargetTnr(double[] scores, boolean[] positive, double targetTnr) {
    Counts c = counts(scores, positive);
    for (int k = 0; k < c.candidates().length; k++) {
      if (1 - (double) c.fp()[k] / c.n() >= targetTnr) {
        return c.candidates()[k];
      }
    }
    return Math.nextUp(c.candidates()[c.candidates().length - 1]);
  }
}
