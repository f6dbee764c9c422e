package org.fairness4j.core.metrics;

import org.fairness4j.core.table.PredictionTable;

/**
 * The per-slot sums of the ROC AUC (Mann–Whitney statistic, ties counting one half) of rows taken
 * in ascending score order, in one pass that serves several groupings at once: each row belongs to
 * a cell, and each cell adds to a list of slots (a group of each feature set, and the overall
 * values). Unweighted tables count in exact integers (in units of one half); weighted tables sum in
 * the order and with the operations of {@link RocAucSums}, so both give the same bits. Not
 * thread-safe; one counter per pass.
 */
abstract class AucCounter {
  final int[] cellOfRow;
  final int[] cellStart;
  final int[] cellSlots;
  private final long[] rows;
  private final int[] touched;
  private final boolean[] isTouched;
  private int touchedCount;

  private AucCounter(long[] rows, int[] cellOfRow, int[] cellStart, int[] cellSlots) {
    int slots = rows.length;
    this.cellOfRow = cellOfRow;
    this.cellStart = cellStart;
    this.cellSlots = cellSlots;
    this.rows = rows;
    this.touched = new int[slots];
    this.isTouched = new boolean[slots];
  }

  /**
   * A counter for the table: exact counts when unweighted, else weighted sums.
   *
   * @param table the table
   * @param rows the rows per slot (every row is ranked)
   * @param cellOfRow the cell of each row
   * @param cellStart where each cell's slots start in cellSlots (one more entry than cells)
   * @param cellSlots the slots of the cells
   */
  static AucCounter of(
      PredictionTable table, long[] rows, int[] cellOfRow, int[] cellStart, int[] cellSlots) {
    return table.isWeighted()
        ? new Weighted(rows, cellOfRow, cellStart, cellSlots, table)
        : new Counts(rows, cellOfRow, cellStart, cellSlots);
  }

  /**
   * Adds the sorted rows: single rows directly, runs of equal scores as tied blocks.
   *
   * @param sorted the rows in ascending key order
   * @param scores the scores (to order and split runs of equal inexact keys)
   * @param table the table (true classes)
   * @param positiveClass the positive class index
   */
  void addAll(ScoreSort.Sorted sorted, double[] scores, PredictionTable table, int positiveClass) {
    long[] p = sorted.packed();
    int n = p.length;
    int i = 0;
    while (i < n) {
      long v = p[i];
      if (i + 1 < n && (p[i + 1] ^ v) >>> 32 == 0) {
        i = addRun(sorted, i, scores, table, positiveClass);
      } else {
        int row = sorted.row(v);
        single(row, sorted.hasCells() ? sorted.cell(v) : cellOfRow[row], (int) (v >>> 31) & 1);
        i++;
      }
    }
  }

  /** Adds the run of equal keys that starts at {@code from}; returns the index after it. */
  final int addRun(
      ScoreSort.Sorted sorted,
      int from,
      double[] scores,
      PredictionTable table,
      int positiveClass) {
    long[] p = sorted.packed();
    long high = p[from] >>> 32;
    int to = from + 1;
    while (to < p.length && p[to] >>> 32 == high) {
      to++;
    }
    if (sorted.exact()) {
      for (int k = from; k < to; k++) {
        inBlock(sorted.row(p[k]), (int) (p[k] >>> 31) & 1);
      }
      endBlock();
      return to;
    }
    int[] run = new int[to - from];
    for (int k = from; k < to; k++) {
      run[k - from] = sorted.row(p[k]);
    }
    ScoreSort.sortRun(run, 0, run.length, scores);
    for (int k = 0; k < run.length; k++) {
      inBlock(run[k], table.trueClass(run[k]) == positiveClass ? 1 : 0);
      if (k + 1 == run.length || scores[run[k]] != scores[run[k + 1]]) {
        endBlock();
      }
    }
    return to;
  }

  /** Adds a row (in a cell) whose score no other row has. */
  abstract void single(int row, int cell, int positive);

  /** Adds a row of a block of equal scores. */
  final void inBlock(int row, int positive) {
    int c = cellOfRow[row];
    for (int k = cellStart[c], end = cellStart[c + 1]; k < end; k++) {
      int s = cellSlots[k];
      if (!isTouched[s]) {
        isTouched[s] = true;
        touched[touchedCount++] = s;
      }
    }
    addToBlock(row, c, positive);
  }

  abstract void addToBlock(int row, int cell, int positive);

  /** Ends a block of equal scores: each touched slot counts its block. */
  final void endBlock() {
    for (int t = 0; t < touchedCount; t++) {
      int s = touched[t];
      closeBlock(s);
      isTouched[s] = false;
    }
    touchedCount = 0;
  }

  abstract void closeBlock(int slot);

  final long rows(int slot) {
    return rows[slot];
  }

  /** The AUC of a slot, undefined where it has no rows, no positives or no negatives. */
  abstract MetricValue value(int slot);

  static MetricValue value(long rows, double pos, double neg, double num) {
    if (rows == 0) {
      return MetricValue.undefined(UndefinedReason.EMPTY_GROUP);
    } else if (pos == 0) {
      return MetricValue.undefined(UndefinedReason.NO_POSITIVES);
    } else if (neg == 0) {
      return MetricValue.undefined(UndefinedReason.NO_NEGATIVES);
    }
    return MetricValue.of(RocAuc.bounded(num / (pos * neg)));
  }

  /**
   * Unweighted: exact counts of negatives below, and twice the statistic, so ties' halves stay
   * integers. Equal to the double sums while these are below 2^53 (groups under about 10^8 rows).
   */
  private static final class Counts extends AucCounter {
    /** Per slot s: at 2s the negatives so far, at 2s + 1 twice the statistic so far. */
    private final long[] sums;

    private final long[] posBlock;
    private final long[] negBlock;

    Counts(long[] rows, int[] cellOfRow, int[] cellStart, int[] cellSlots) {
      super(rows, cellOfRow, cellStart, cellSlots);
      sums = new long[2 * rows.length];
      posBlock = new long[rows.length];
      negBlock = new long[rows.length];
    }

    /** The hot loop: cells unpacked from the sorted entries, no per-row calls. */
    @Override
    void addAll(
        ScoreSort.Sorted sorted, double[] scores, PredictionTable table, int positiveClass) {
      if (!sorted.hasCells()) {
        super.addAll(sorted, scores, table, positiveClass);
        return;
      }
      long[] p = sorted.packed();
      int n = p.length;
      int rowBits = sorted.rowBits();
      long[] acc = sums;
      int[] start = cellStart;
      int[] slots = cellSlots;
      int i = 0;
      while (i < n) {
        long v = p[i];
        if (i + 1 < n && (p[i + 1] ^ v) >>> 32 == 0) {
          i = addRun(sorted, i, scores, table, positiveClass);
          continue;
        }
        int c = (int) ((v & ScoreSort.INDEX_MASK) >>> rowBits);
        long pos = (v >>> 31) & 1;
        long mask = -pos;
        for (int k = start[c], end = start[c + 1]; k < end; k++) {
          int s = slots[k] << 1;
          long below = acc[s];
          acc[s] = below + 1 - pos;
          acc[s + 1] += (below << 1) & mask;
        }
        i++;
      }
    }

    @Override
    void single(int row, int c, int positive) {
      long p = positive;
      long mask = -p;
      for (int k = cellStart[c], end = cellStart[c + 1]; k < end; k++) {
        int s = 2 * cellSlots[k];
        long below = sums[s];
        sums[s] = below + 1 - p;
        sums[s + 1] += (below << 1) & mask;
      }
    }

    @Override
    void addToBlock(int row, int cell, int positive) {
      for (int k = cellStart[cell], end = cellStart[cell + 1]; k < end; k++) {
        int s = cellSlots[k];
        posBlock[s] += positive;
        negBlock[s] += 1 - positive;
      }
    }

    @Override
    void closeBlock(int s) {
      sums[2 * s + 1] += posBlock[s] * (2 * sums[2 * s] + negBlock[s]);
      sums[2 * s] += negBlock[s];
      posBlock[s] = 0;
      negBlock[s] = 0;
    }

    @Override
    MetricValue value(int s) {
      long neg = sums[2 * s];
      return value(rows(s), rows(s) - neg, neg, sums[2 * s + 1] * 0.5);
    }
  }

  /** Weighted: the double sums of {@link RocAucSums}, per slot in the same order. */
  private static final class Weighted extends AucCounter {
    private final PredictionTable table;
    private final double[] num;
    private final double[] pos;
    private final double[] neg;
    private final double[] posBlock;
    private final double[] negBlock;

    Weighted(long[] rows, int[] cellOfRow, int[] cellStart, int[] cellSlots, PredictionTable t) {
      super(rows, cellOfRow, cellStart, cellSlots);
      int slots = rows.length;
      table = t;
      num = new double[slots];
      pos = new double[slots];
      neg = new double[slots];
      posBlock = new double[slots];
      negBlock = new double[slots];
    }

    @Override
    void single(int row, int c, int positive) {
      double w = table.weight(row);
      for (int k = cellStart[c], end = cellStart[c + 1]; k < end; k++) {
        int s = cellSlots[k];
        if (positive != 0) {
          num[s] += w * neg[s];
          pos[s] += w;
        } else {
          neg[s] += w;
        }
      }
    }

    @Override
    void addToBlock(int row, int cell, int positive) {
      double w = table.weight(row);
      double[] block = positive != 0 ? posBlock : negBlock;
      for (int k = cellStart[cell], end = cellStart[cell + 1]; k < end; k++) {
        block[cellSlots[k]] += w;
      }
    }

    @Override
    void closeBlock(int s) {
      num[s] += posBlock[s] * (neg[s] + 0.5 * negBlock[s]);
      neg[s] += negBlock[s];
      pos[s] += posBlock[s];
      posBlock[s] = 0;
      negBlock[s] = 0;
    }

    @Override
    MetricValue value(int s) {
      return value(rows(s), pos[s], neg[s], num[s]);
    }
  }
}
