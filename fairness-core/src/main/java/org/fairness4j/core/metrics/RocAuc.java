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
  private static final long POSITIVE_BIT = 1L << 31;
  private static final long INDEX_MASK = POSITIVE_BIT - 1;

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
    int n = scores.length;
    if (n != table.rowCount()) {
      throw new IllegalArgumentException("scores and table differ in length");
    }
    Window window = Window.of(scores);
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      long label = table.trueClass(i) == positiveClass ? POSITIVE_BIT : 0;
      packed[i] = (window.key(scores[i]) << 32) | label | i;
    }
    packed = sortByHigh32(packed);
    int[] order = new int[n];
    boolean[] positive = new boolean[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) (packed[i] & INDEX_MASK);
      positive[i] = (packed[i] & POSITIVE_BIT) != 0;
    }
    boolean[] tieWithNext = new boolean[n];
    int i = 0;
    while (i < n) {
      int j = i + 1;
      while (j < n && packed[j] >>> 32 == packed[i] >>> 32) {
        j++;
      }
      if (j - i > 1) {
        if (!window.exact()) {
          sortRun(order, i, j, scores);
          for (int k = i; k < j; k++) {
            positive[k] = table.trueClass(order[k]) == positiveClass;
          }
        }
        for (int k = i; k + 1 < j; k++) {
          tieWithNext[k] = window.exact() || scores[order[k]] == scores[order[k + 1]];
        }
      }
      i = j;
    }
    double[] weight = null;
    if (table.isWeighted()) {
      weight = new double[n];
      for (int k = 0; k < n; k++) {
        weight[k] = table.weight(order[k]);
      }
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
    Window window = Window.of(scores);
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      packed[i] = (window.key(scores[i]) << 32) | i;
    }
    packed = sortByHigh32(packed);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) (packed[i] & INDEX_MASK);
    }
    if (!window.exact()) {
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
   * A monotone 32-bit key of the scores. Exact (equal keys iff equal scores) when the scores'
   * sortable IEEE bits vary only in their low 32 bits; otherwise a linear quantisation of [min,
   * max] (balanced buckets for the usual probabilities), or the top 32 varying IEEE bits when the
   * range overflows. Runs of equal inexact keys are ordered afterwards by the full values.
   */
  private record Window(boolean exact, int shift, double min, double scale) {
    private static final double LEVELS = 4294967295.0;

    static Window of(double[] scores) {
      long or = 0;
      long and = -1L;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double s : scores) {
        long k = sortableBits(s);
        or |= k;
        and &= k;
        min = Math.min(min, s);
        max = Math.max(max, s);
      }
      int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(or ^ and) - 32);
      double range = max - min;
      if (shift == 0 || !(range > 0) || Double.isInfinite(range)) {
        return new Window(shift == 0, shift, 0, Double.NaN);
      }
      return new Window(false, -1, min, LEVELS / range);
    }

    long key(double s) {
      if (shift >= 0) {
        return (sortableBits(s) >>> shift) & 0xFFFFFFFFL;
      }
      return Math.min((long) LEVELS, (long) ((s - min) * scale));
    }
  }

  /**
   * Stable radix sort of longs by their high 32 bits: one most-significant-digit pass over the top
   * 11 varying bits, then each bucket (small enough to stay in cache) sorted by the remaining bits
   * with least-significant-digit passes, buckets in parallel. Digits that never vary are skipped.
   */
  private static long[] sortByHigh32(long[] packed) {
    int n = packed.length;
    long or = 0;
    long and = -1L;
    for (long v : packed) {
      or |= v;
      and &= v;
    }
    long varying = (or ^ and) & 0xFFFFFFFF00000000L;
    if (varying == 0 || n < 2) {
      return packed;
    }
    int top = 63 - Long.numberOfLeadingZeros(varying);
    int msdShift = Math.max(32, top - DIGIT_BITS + 1);
    int[] start = new int[RADIX + 1];
    for (long v : packed) {
      start[(int) ((v >>> msdShift) & (RADIX - 1)) + 1]++;
    }
    for (int d = 0; d < RADIX; d++) {
      start[d + 1] += start[d];
    }
    int[] next = java.util.Arrays.copyOf(start, RADIX);
    long[] out = new long[n];
    for (long v : packed) {
      out[next[(int) ((v >>> msdShift) & (RADIX - 1))]++] = v;
    }
    if (msdShift == 32) {
      return out;
    }
    long[] aux = packed;
    long lowVarying = varying & ((1L << msdShift) - 1);
    java.util.stream.IntStream.range(0, RADIX)
        .parallel()
        .forEach(d -> sortBucket(out, aux, start[d], start[d + 1], msdShift, lowVarying));
    return out;
  }

  /** LSD radix sort of a[from, to) by bits [32, limit) (stable), using aux as scratch. */
  private static void sortBucket(long[] a, long[] aux, int from, int to, int limit, long varying) {
    int len = to - from;
    if (len < 2) {
      return;
    }
    long keyMask = (1L << (limit - 32)) - 1;
    if (len <= 48) {
      for (int i = from + 1; i < to; i++) {
        long v = a[i];
        long key = (v >>> 32) & keyMask;
        int j = i - 1;
        while (j >= from && ((a[j] >>> 32) & keyMask) > key) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    long[] src = a;
    long[] dst = aux;
    int[] counts = new int[RADIX];
    for (int shift = 32; shift < limit; shift += DIGIT_BITS) {
      int bits = Math.min(DIGIT_BITS, limit - shift);
      long mask = (1L << bits) - 1;
      if (((varying >>> shift) & mask) == 0) {
        continue;
      }
      java.util.Arrays.fill(counts, 0);
      for (int i = from; i < to; i++) {
        counts[(int) ((src[i] >>> shift) & mask)]++;
      }
      int sum = from;
      for (int d = 0; d <= mask; d++) {
        int c = counts[d];
        counts[d] = sum;
        sum += c;
      }
      for (int i = from; i < to; i++) {
        long v = src[i];
        dst[counts[(int) ((v >>> shift) & mask)]++] = v;
      }
      long[] t = src;
      src = dst;
      dst = t;
    }
    if (src != a) {
      System.arraycopy(src, from, a, from, len);
    }
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
