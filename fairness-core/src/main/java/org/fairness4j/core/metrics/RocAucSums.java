package org.fairness4j.core.metrics;

import java.io.Serializable;

/**
 * Mergeable sums of the per-group ROC AUC (the weighted Mann–Whitney statistic, ties counting one
 * half) of rows taken in ascending score order: per group and overall, the positive weight times
 * the negative weight ranked below it, and the positive and negative totals. The sums of two
 * consecutive score ranges combine exactly ({@link #then}), so a distributed sort can compute the
 * AUC of every group without bringing rows together: each sorted partition gives its sums, and the
 * driver chains them in partition order. Equal scores must not straddle two ranges. Immutable.
 *
 * <p>The values equal {@link RocAuc.Ranking#byGroup} (exactly for unweighted rows; weighted sums
 * may differ in the last bits by summation order: the weighted products are not summed exactly,
 * unlike the confusion counts).
 *
 * @serial exclude
 */
public final class RocAucSums implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] num;
  private final double[] pos;
  private final double[] neg;
  private final long[] rows;

  private RocAucSums(double[] num, double[] pos, double[] neg, long[] rows) {
    this.num = num;
    this.pos = pos;
    this.neg = neg;
    this.rows = rows;
  }

  /**
   * Sums with no rows.
   *
   * @param groups the number of groups
   * @return the empty sums
   */
  public static RocAucSums empty(int groups) {
    return new Accumulator(groups).finish();
  }

  /**
   * Starts accumulating rows in ascending score order.
   *
   * @param groups the number of groups
   * @return an accumulator
   */
  public static Accumulator accumulator(int groups) {
    return new Accumulator(groups);
  }

  /**
   * Returns the number of groups.
   *
   * @return the count
   */
  public int groupCount() {
    return num.length - 1;
  }

  /**
   * Returns the sums of these rows followed by rows that all score higher.
   *
   * @param later the sums of the higher-scoring rows, same number of groups
   * @return the combined sums
   * @throws IllegalArgumentException if the group counts differ
   */
  public RocAucSums then(RocAucSums later) {
    if (later.num.length != num.length) {
      throw new IllegalArgumentException("sums of different group counts");
    }
    int n = num.length;
    double[] nu = new double[n];
    double[] p = new double[n];
    double[] q = new double[n];
    long[] r = new long[n];
    for (int g = 0; g < n; g++) {
      nu[g] = num[g] + (later.num[g] + later.pos[g] * neg[g]);
      p[g] = pos[g] + later.pos[g];
      q[g] = neg[g] + later.neg[g];
      r[g] = rows[g] + later.rows[g];
    }
    return new RocAucSums(nu, p, q, r);
  }

  /**
   * Returns the AUC of every group and overall: undefined with {@link UndefinedReason#EMPTY_GROUP},
   * {@link UndefinedReason#NO_POSITIVES} or {@link UndefinedReason#NO_NEGATIVES} (in that order of
   * precedence) where it has no rows, no positive or no negative weight.
   *
   * @return one value per group, then the overall value at index {@link #groupCount()}
   */
  public MetricValue[] values() {
    MetricValue[] out = new MetricValue[num.length];
    for (int g = 0; g < num.length; g++) {
      if (rows[g] == 0) {
        out[g] = MetricValue.undefined(UndefinedReason.EMPTY_GROUP);
      } else if (pos[g] == 0) {
        out[g] = MetricValue.undefined(UndefinedReason.NO_POSITIVES);
      } else if (neg[g] == 0) {
        out[g] = MetricValue.undefined(UndefinedReason.NO_NEGATIVES);
      } else {
        out[g] = MetricValue.of(RocAuc.bounded(num[g] / (pos[g] * neg[g])));
      }
    }
    return out;
  }

  /** Adds rows in ascending score order; not thread-safe. */
  public static final class Accumulator {
    private final int all;
    private final double[] num;
    private final double[] pos;
    private final double[] neg;
    private final long[] rows;
    private final double[] posBlock;
    private final double[] negBlock;
    private final int[] touched;
    private final boolean[] isTouched;
    private int touchedCount;
    private double last = Double.NaN;

    private Accumulator(int groups) {
      if (groups < 0) {
        throw new IllegalArgumentException("negative group count");
      }
      all = groups;
      num = new double[groups + 1];
      pos = new double[groups + 1];
      neg = new double[groups + 1];
      rows = new long[groups + 1];
      posBlock = new double[groups + 1];
      negBlock = new double[groups + 1];
      touched = new int[groups + 1];
      isTouched = new boolean[groups + 1];
    }

    /**
     * Adds one row; rows must come in ascending score order.
     *
     * @param score the score, finite
     * @param positive whether the row's true class is the positive class
     * @param weight the row's weight
     * @param group the row's group, or -1 for a row in no group (skipped)
     * @throws IllegalArgumentException if the score is below the previous one or not finite
     */
    public void add(double score, boolean positive, double weight, int group) {
      if (!Double.isFinite(score) || score < last) {
        throw new IllegalArgumentException(
            "scores must be finite and ascending: " + score + " after " + last);
      }
      if (score != last) {
        flush();
        last = score;
      }
      if (group < 0) {
        return;
      }
      rows[group]++;
      rows[all]++;
      if (!isTouched[group]) {
        isTouched[group] = true;
        touched[touchedCount++] = group;
      }
      if (positive) {
        posBlock[group] += weight;
        posBlock[all] += weight;
      } else {
        negBlock[group] += weight;
        negBlock[all] += weight;
      }
    }

    private void flush() {
      if (touchedCount == 0) {
        return;
      }
      touched[touchedCount++] = all;
      for (int t = 0; t < touchedCount; t++) {
        int g = touched[t];
        num[g] += posBlock[g] * (neg[g] + 0.5 * negBlock[g]);
        neg[g] += negBlock[g];
        pos[g] += posBlock[g];
        posBlock[g] = 0;
        negBlock[g] = 0;
        isTouched[g] = false;
      }
      touchedCount = 0;
    }

    /**
     * Returns the sums of the rows added so far.
     *
     * @return the sums
     */
    public RocAucSums finish() {
      flush();
      return new RocAucSums(num.clone(), pos.clone(), neg.clone(), rows.clone());
    }
  }
}
