package org.fairness4j.core;

import java.util.SplittableRandom;

/**
 * Scores with a cell number (and a weight) per row, sorted in place by score: 12 bytes a row, 20
 * with weights. Scores are finite with -0.0 already made 0.0, so {@code <} orders them. The sort's
 * pivots come from a fixed seed, so the order within tied scores (and with it a weighted AUC's
 * floating-point sums) is the same on every run.
 */
final class ScoreColumn {
  private final double[] scores;
  private final int[] ids;
  private final double[] weights;
  private int n;
  private SplittableRandom pivots;

  ScoreColumn(int capacity, boolean weighted) {
    scores = new double[capacity];
    ids = new int[capacity];
    weights = weighted ? new double[capacity] : null;
  }

  void add(double score, int id, double weight) {
    if (n == scores.length) {
      throw new IllegalStateException("the rows changed between passes: more than " + n);
    }
    scores[n] = score;
    ids[n] = id;
    if (weights != null) {
      weights[n] = weight;
    }
    n++;
  }

  int size() {
    return n;
  }

  double score(int i) {
    return scores[i];
  }

  int id(int i) {
    return ids[i];
  }

  double weight(int i) {
    return weights == null ? 1.0 : weights[i];
  }

  void sort() {
    pivots = new SplittableRandom(0x5C0_2E5L);
    sort(0, n - 1);
  }

  /** Quicksort with seeded random pivots and three-way partitioning (ties are common in scores). */
  private void sort(int lo, int hi) {
    while (lo < hi) {
      if (hi - lo < 16) {
        for (int i = lo + 1; i <= hi; i++) {
          for (int j = i; j > lo && scores[j] < scores[j - 1]; j--) {
            swap(j, j - 1);
          }
        }
        return;
      }
      double pivot = scores[lo + pivots.nextInt(hi - lo + 1)];
      int lt = lo;
      int gt = hi;
      int i = lo;
      while (i <= gt) {
        if (scores[i] < pivot) {
          swap(lt++, i++);
        } else if (scores[i] > pivot) {
          swap(i, gt--);
        } else {
          i++;
        }
      }
      if (lt - lo < hi - gt) {
        sort(lo, lt - 1);
        lo = gt + 1;
      } else {
        sort(gt + 1, hi);
        hi = lt - 1;
      }
    }
  }

  private void swap(int a, int b) {
    double s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
    int d = ids[a];
    ids[a] = ids[b];
    ids[b] = d;
    if (weights != null) {
      double w = weights[a];
      weights[a] = weights[b];
      weights[b] = w;
    }
  }
}
