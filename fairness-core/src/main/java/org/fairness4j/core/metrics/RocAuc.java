package org.fairness4j.core.metrics;

import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.table.PredictionTable;

/**
 * Per-group ROC AUC of one class's scores, as the (weighted) Mann–Whitney statistic: the
 * probability that a random positive scores above a random negative, ties counting one half. This
 * equals the trapezoidal area under the ROC curve (scikit-learn's {@code roc_auc_score}). All
 * groups and the overall value come from one pass over the rows in score order, so the sort is
 * shared: compute {@link #ascendingOrder} once per score column and reuse it for every feature set.
 */
public final class RocAuc {
  private static final int DIGIT_BITS = 16;
  private static final int RADIX = 1 << DIGIT_BITS;

  private RocAuc() {}

  /**
   * Returns the row indices sorted by ascending score (a stable LSD radix sort on the IEEE bits).
   *
   * @param scores finite scores
   * @return row indices in ascending score order
   */
  public static int[] ascendingOrder(double[] scores) {
    int n = scores.length;
    long[] keys = new long[n];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = sortableBits(scores[i]);
      order[i] = i;
    }
    long[] keysTmp = new long[n];
    int[] orderTmp = new int[n];
    int[] counts = new int[RADIX + 1];
    for (int shift = 0; shift < 64; shift += DIGIT_BITS) {
      java.util.Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[(int) ((keys[i] >>> shift) & (RADIX - 1)) + 1]++;
      }
      boolean single = false;
      for (int d = 1; d <= RADIX; d++) {
        if (counts[d] == n) {
          single = true;
          break;
        }
      }
      if (single) {
        continue;
      }
      for (int d = 0; d < RADIX; d++) {
        counts[d + 1] += counts[d];
      }
      for (int i = 0; i < n; i++) {
        int pos = counts[(int) ((keys[i] >>> shift) & (RADIX - 1))]++;
        keysTmp[pos] = keys[i];
        orderTmp[pos] = order[i];
      }
      long[] k = keys;
      keys = keysTmp;
      keysTmp = k;
      int[] o = order;
      order = orderTmp;
      orderTmp = o;
    }
    return order;
  }

  /** Maps a double to a long whose unsigned order is the numeric order (-0.0 equals 0.0). */
  static long sortableBits(double d) {
    long bits = Double.doubleToLongBits(d + 0.0);
    return bits ^ ((bits >> 63) | Long.MIN_VALUE);
  }

  /**
   * Computes the AUC of every group and overall.
   *
   * @param scores the score of the positive class per row
   * @param order {@link #ascendingOrder(double[])} of {@code scores}
   * @param table the table (true classes and weights)
   * @param index the groups of the rows
   * @param positiveClass the class index whose rows are positives
   * @return one value per group, then the overall value at index {@code index.groupCount()}
   */
  public static MetricValue[] byGroup(
      double[] scores, int[] order, PredictionTable table, GroupIndex index, int positiveClass) {
    int groups = index.groupCount();
    int all = groups;
    double[] num = new double[groups + 1];
    double[] posTotal = new double[groups + 1];
    double[] negBelow = new double[groups + 1];
    double[] posBlock = new double[groups + 1];
    double[] negBlock = new double[groups + 1];
    int[] touched = new int[groups + 1];
    boolean[] isTouched = new boolean[groups + 1];
    long[] rows = new long[groups + 1];
    int n = order.length;
    int i = 0;
    while (i < n) {
      int j = i + 1;
      double s = scores[order[i]];
      while (j < n && scores[order[j]] == s) {
        j++;
      }
      if (j == i + 1) {
        int r = order[i];
        int g = index.groupOf(r);
        if (g >= 0) {
          double w = table.weight(r);
          rows[g]++;
          rows[all]++;
          if (table.trueClass(r) == positiveClass) {
            num[g] += w * negBelow[g];
            num[all] += w * negBelow[all];
            posTotal[g] += w;
            posTotal[all] += w;
          } else {
            negBelow[g] += w;
            negBelow[all] += w;
          }
        }
      } else {
        int nt = 0;
        for (int b = i; b < j; b++) {
          int r = order[b];
          int g = index.groupOf(r);
          if (g < 0) {
            continue;
          }
          double w = table.weight(r);
          rows[g]++;
          rows[all]++;
          if (!isTouched[g]) {
            isTouched[g] = true;
            touched[nt++] = g;
          }
          if (table.trueClass(r) == positiveClass) {
            posBlock[g] += w;
            posBlock[all] += w;
          } else {
            negBlock[g] += w;
            negBlock[all] += w;
          }
        }
        if (nt > 0) {
          touched[nt++] = all;
        }
        for (int t = 0; t < nt; t++) {
          int g = touched[t];
          num[g] += posBlock[g] * (negBelow[g] + 0.5 * negBlock[g]);
          negBelow[g] += negBlock[g];
          posTotal[g] += posBlock[g];
          posBlock[g] = 0;
          negBlock[g] = 0;
          isTouched[g] = false;
        }
      }
      i = j;
    }
    MetricValue[] out = new MetricValue[groups + 1];
    for (int g = 0; g <= groups; g++) {
      if (rows[g] == 0) {
        out[g] = MetricValue.undefined(UndefinedReason.EMPTY_GROUP);
      } else if (posTotal[g] == 0) {
        out[g] = MetricValue.undefined(UndefinedReason.NO_POSITIVES);
      } else if (negBelow[g] == 0) {
        out[g] = MetricValue.undefined(UndefinedReason.NO_NEGATIVES);
      } else {
        out[g] = MetricValue.of(num[g] / (posTotal[g] * negBelow[g]));
      }
    }
    return out;
  }
}
