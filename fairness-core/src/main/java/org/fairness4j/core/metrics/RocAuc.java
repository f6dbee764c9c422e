package org.fairness4j.core.metrics;

import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.table.PredictionTable;

/**
 * Per-group ROC AUC of one class's scores, as the (weighted) Mann–Whitney statistic: the
 * probability that a random positive scores above a random negative, ties counting one half. This
 * equals the trapezoidal area under the ROC curve (scikit-learn's {@code roc_auc_score}).
 *
 * <p>A {@link Ranking} sorts the rows by score once (a radix sort on the IEEE bits) and keeps the
 * labels and weights in score order; {@link Ranking#byGroup} then gives every group and the overall
 * value in one sequential pass, so one ranking serves every feature set.
 */
public final class RocAuc {
  private static final int DIGIT_BITS = 11;
  private static final int RADIX = 1 << DIGIT_BITS;

  private RocAuc() {}

  /**
   * Ranks the rows of a table by the scores of a class.
   *
   * @param scores the score of the positive class per row, finite
   * @param table the table (true classes and weights)
   * @param positiveClass the class index whose rows are positives
   * @return the ranking
   */
  public static Ranking rank(double[] scores, PredictionTable table, int positiveClass) {
    if (scores.length != table.rowCount()) {
      throw new IllegalArgumentException("scores and table differ in length");
    }
    int[] order = ascendingOrder(scores);
    int n = order.length;
    boolean[] tieWithNext = new boolean[n];
    boolean[] positive = new boolean[n];
    double[] weight = table.isWeighted() ? new double[n] : null;
    for (int i = 0; i < n; i++) {
      int r = order[i];
      positive[i] = table.trueClass(r) == positiveClass;
      if (weight != null) {
        weight[i] = table.weight(r);
      }
      tieWithNext[i] = i + 1 < n && scores[order[i + 1]] == scores[r];
    }
    return new Ranking(order, tieWithNext, positive, weight);
  }

  /**
   * Returns the row indices sorted by ascending score, ties in row order (-0.0 sorts as 0.0).
   *
   * <p>The 32 most significant bits that vary among the scores' sortable IEEE bits are packed with
   * the row index into one long and radix-sorted (three 11-bit passes, constant digits skipped);
   * runs that agree on those 32 bits are then ordered by their full bits. This moves half the data
   * of a full 64-bit key sort and is stable.
   *
   * @param scores finite scores
   * @return row indices in ascending score order
   */
  public static int[] ascendingOrder(double[] scores) {
    int n = scores.length;
    long or = 0;
    long and = -1L;
    for (int i = 0; i < n; i++) {
      long k = sortableBits(scores[i]);
      or |= k;
      and &= k;
    }
    long varying = or ^ and;
    int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(varying) - 32);
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      long high = (sortableBits(scores[i]) >>> shift) & 0xFFFFFFFFL;
      packed[i] = (high << 32) | i;
    }
    long[] tmp = new long[n];
    int[] counts = new int[RADIX];
    long varyingHigh = (varying >>> shift) & 0xFFFFFFFFL;
    for (int digit = 32; digit < 64; digit += DIGIT_BITS) {
      if (((varyingHigh << 32 >>> digit) & (RADIX - 1)) == 0) {
        continue;
      }
      java.util.Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[(int) ((packed[i] >>> digit) & (RADIX - 1))]++;
      }
      int sum = 0;
      for (int d = 0; d < RADIX; d++) {
        int c = counts[d];
        counts[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        long v = packed[i];
        tmp[counts[(int) ((v >>> digit) & (RADIX - 1))]++] = v;
      }
      long[] t = packed;
      packed = tmp;
      tmp = t;
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) packed[i];
    }
    if (shift > 0) {
      int i = 0;
      while (i < n) {
        int j = i + 1;
        long high = packed[i] >>> 32;
        while (j < n && packed[j] >>> 32 == high) {
          j++;
        }
        if (j - i > 1) {
          sortRun(order, i, j, scores);
        }
        i = j;
      }
    }
    return order;
  }

  /**
   * Orders order[from, to) (rows in increasing index order) by their full sortable bits, stably:
   * insertion sort for short runs, a recursive {@link #ascendingOrder} for long ones (its window
   * then starts below the bits this run shares, so the recursion ends).
   */
  private static void sortRun(int[] order, int from, int to, double[] scores) {
    int len = to - from;
    if (len > 32) {
      double[] sub = new double[len];
      int[] rows = new int[len];
      for (int i = 0; i < len; i++) {
        rows[i] = order[from + i];
        sub[i] = scores[rows[i]];
      }
      int[] local = ascendingOrder(sub);
      for (int i = 0; i < len; i++) {
        order[from + i] = rows[local[i]];
      }
      return;
    }
    for (int i = from + 1; i < to; i++) {
      int row = order[i];
      long key = sortableBits(scores[row]);
      int j = i - 1;
      while (j >= from && Long.compareUnsigned(sortableBits(scores[order[j]]), key) > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = row;
    }
  }

  /** Maps a double to a long whose unsigned order is the numeric order (-0.0 equals 0.0). */
  static long sortableBits(double d) {
    long bits = Double.doubleToLongBits(d + 0.0);
    return bits ^ ((bits >> 63) | Long.MIN_VALUE);
  }

  /**
   * Rows in ascending score order with their labels and weights, ready for per-group AUC.
   * Immutable.
   */
  public static final class Ranking {
    private final int[] order;
    private final boolean[] tieWithNext;
    private final boolean[] positive;
    private final double[] weight;

    private Ranking(int[] order, boolean[] tieWithNext, boolean[] positive, double[] weight) {
      this.order = order;
      this.tieWithNext = tieWithNext;
      this.positive = positive;
      this.weight = weight;
    }

    /**
     * Computes the AUC of every group and overall.
     *
     * @param index the groups of the rows of the ranked table
     * @return one value per group, then the overall value at index {@code index.groupCount()}
     */
    public MetricValue[] byGroup(GroupIndex index) {
      int groups = index.groupCount();
      int all = groups;
      int n = order.length;
      int[] group = new int[n];
      for (int i = 0; i < n; i++) {
        group[i] = index.groupOf(order[i]);
      }
      double[] num = new double[groups + 1];
      double[] posTotal = new double[groups + 1];
      double[] negBelow = new double[groups + 1];
      double[] posBlock = new double[groups + 1];
      double[] negBlock = new double[groups + 1];
      int[] touched = new int[groups + 1];
      boolean[] isTouched = new boolean[groups + 1];
      long[] rows = new long[groups + 1];
      int i = 0;
      while (i < n) {
        if (!tieWithNext[i]) {
          int g = group[i];
          if (g >= 0) {
            double w = weight == null ? 1.0 : weight[i];
            rows[g]++;
            rows[all]++;
            if (positive[i]) {
              num[g] += w * negBelow[g];
              num[all] += w * negBelow[all];
              posTotal[g] += w;
              posTotal[all] += w;
            } else {
              negBelow[g] += w;
              negBelow[all] += w;
            }
          }
          i++;
          continue;
        }
        int nt = 0;
        boolean more = true;
        while (more) {
          more = tieWithNext[i];
          int g = group[i];
          if (g >= 0) {
            double w = weight == null ? 1.0 : weight[i];
            rows[g]++;
            rows[all]++;
            if (!isTouched[g]) {
              isTouched[g] = true;
              touched[nt++] = g;
            }
            if (positive[i]) {
              posBlock[g] += w;
              posBlock[all] += w;
            } else {
              negBlock[g] += w;
              negBlock[all] += w;
            }
          }
          i++;
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
}
