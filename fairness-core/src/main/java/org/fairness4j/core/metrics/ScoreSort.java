package org.fairness4j.core.metrics;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.fairness4j.core.table.PredictionTable;

/**
 * Stable ascending sorts of scores (-0.0 sorts as 0.0, ties in row order): a monotone 32-bit key of
 * each score is packed with the row index into one long and radix-sorted; runs of rows whose keys
 * are equal but whose scores may differ are ordered afterwards by their full IEEE bits.
 */
final class ScoreSort {
  /** The bit of a packed row that marks a positive row. */
  static final long POSITIVE_BIT = 1L << 31;

  /** The bits of a packed row that hold its index. */
  static final long INDEX_MASK = POSITIVE_BIT - 1;

  private static final int DIGIT_BITS = 11;
  private static final int RADIX = 1 << DIGIT_BITS;

  private ScoreSort() {}

  /**
   * Rows sorted by their score key: {@code key << 32 | positive bit | cell << rowBits | row},
   * ascending, rows of equal keys in row order.
   *
   * @param packed the sorted rows
   * @param exact whether equal keys mean equal scores (else runs of equal keys need {@link
   *     #sortRun})
   * @param rowBits the bits of the row index; 31 when no cell is packed above it
   */
  record Sorted(long[] packed, boolean exact, int rowBits) {
    /** Returns the row of a packed entry. */
    int row(long v) {
      return (int) (v & ((1L << rowBits) - 1));
    }

    /** Returns whether the entries hold their rows' cells. */
    boolean hasCells() {
      return rowBits < 31;
    }

    /** Returns the cell of a packed entry (when {@link #hasCells()}). */
    int cell(long v) {
      return (int) ((v & INDEX_MASK) >>> rowBits);
    }
  }

  /**
   * Sorts the rows of a table by the scores of a class, marking the rows of that class.
   *
   * @param scores the score per row, finite
   * @param table the table (true classes)
   * @param positiveClass the class whose rows are marked positive
   * @param cellOfRow a cell per row in [0, cells), packed with the rows when the bits suffice; or
   *     null
   * @param cells the number of cells
   * @return the sorted rows
   */
  static Sorted rank(
      double[] scores, PredictionTable table, int positiveClass, int[] cellOfRow, int cells) {
    int n = scores.length;
    if (n != table.rowCount()) {
      throw new IllegalArgumentException("scores and table differ in length");
    }
    int rowBits = 31;
    if (cellOfRow != null && cells > 1) {
      int bits = 31 - (32 - Integer.numberOfLeadingZeros(cells - 1));
      if (n <= 1 << bits) {
        rowBits = bits;
      }
    }
    Window window = Window.of(scores);
    long[] packed = sorted(scores, window, table, positiveClass, cellOfRow, rowBits);
    return new Sorted(packed, window.exact(), rowBits);
  }

  /**
   * Returns the row indices sorted by ascending score, ties in row order (-0.0 sorts as 0.0).
   *
   * @param scores finite scores
   * @return row indices in ascending score order
   */
  static int[] ascendingOrder(double[] scores) {
    int n = scores.length;
    Window window = Window.of(scores);
    long[] packed = sorted(scores, window, null, 0, null, 31);
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
   * Packs each row's key, positive bit (when a table is given), cell (below 31 row bits) and index,
   * counting the first radix digit on the way (the window bounds the key's top bit), and sorts.
   */
  private static long[] sorted(
      double[] scores,
      Window window,
      PredictionTable table,
      int positiveClass,
      int[] cellOfRow,
      int rowBits) {
    int n = scores.length;
    int msdShift = Math.max(32, window.topKeyBit() + 32 - DIGIT_BITS + 1);
    int[] start = new int[RADIX + 1];
    long[] packed = new long[n];
    long or = 0;
    long and = -1L;
    for (int i = 0; i < n; i++) {
      long key = window.key(scores[i]);
      or |= key;
      and &= key;
      long label = table != null && table.trueClass(i) == positiveClass ? POSITIVE_BIT : 0;
      long cell = rowBits < 31 ? (long) cellOfRow[i] << rowBits : 0;
      long v = (key << 32) | label | cell | i;
      packed[i] = v;
      start[(int) ((v >>> msdShift) & (RADIX - 1)) + 1]++;
    }
    long varying = (or ^ and) << 32;
    return varying != 0 && n > 1 ? sortFromCounts(packed, varying, msdShift, start) : packed;
  }

  /**
   * A monotone 32-bit key of the scores. Exact (equal keys iff equal scores) when the scores'
   * sortable IEEE bits vary only in their low 32 bits; otherwise a linear quantisation of [min,
   * max] (balanced buckets for the usual probabilities), or the top 32 varying IEEE bits when the
   * range overflows. Runs of equal inexact keys are ordered afterwards by the full values. {@code
   * bounds} holds the bits where the least and greatest scores' sortable bits differ.
   */
  private record Window(boolean exact, int shift, double min, double scale, long bounds) {
    private static final double LEVELS = 4294967295.0;

    static Window of(double[] scores) {
      // Signed order of (sortable bits ^ sign bit) is the numeric order; the scores between the
      // least and the greatest share the bits above the highest bit where those two differ.
      long lo = Long.MAX_VALUE;
      long hi = Long.MIN_VALUE;
      for (double s : scores) {
        long k = sortableBits(s) ^ Long.MIN_VALUE;
        lo = Math.min(lo, k);
        hi = Math.max(hi, k);
      }
      if (scores.length == 0) {
        return new Window(true, 0, 0, Double.NaN, 0);
      }
      int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(lo ^ hi) - 32);
      double min = fromSortableBits(lo ^ Long.MIN_VALUE);
      double range = fromSortableBits(hi ^ Long.MIN_VALUE) - min;
      if (shift == 0 || !(range > 0) || Double.isInfinite(range)) {
        return new Window(shift == 0, shift, 0, Double.NaN, lo ^ hi);
      }
      return new Window(false, -1, min, LEVELS / range, lo ^ hi);
    }

    /** A bit at or above the highest bit that varies among the keys (-1 if none varies). */
    int topKeyBit() {
      return exact ? 63 - Long.numberOfLeadingZeros(bounds) : 31;
    }

    long key(double s) {
      if (shift >= 0) {
        return (sortableBits(s) >>> shift) & 0xFFFFFFFFL;
      }
      return Math.min((long) LEVELS, (long) ((s - min) * scale));
    }
  }

  /**
   * Stable radix sort of longs by their high 32 bits, given the counts of the first digit: one
   * most-significant-digit pass over the top 11 varying bits, then each bucket (small enough to
   * stay in cache) sorted by the remaining bits with least-significant-digit passes whose width
   * fits the bucket, buckets in parallel. Digits that never vary are skipped.
   *
   * @param packed the longs
   * @param varying the varying bits (high 32 only), not 0
   * @param msdShift the first digit's shift: no bit at or above {@code msdShift + DIGIT_BITS}
   *     varies
   * @param start at {@code d + 1} the count of digit d (turned into bucket starts)
   */
  private static long[] sortFromCounts(long[] packed, long varying, int msdShift, int[] start) {
    int n = packed.length;
    for (int d = 0; d < RADIX; d++) {
      start[d + 1] += start[d];
    }
    int[] next = Arrays.copyOf(start, RADIX);
    long[] out = new long[n];
    for (long v : packed) {
      out[next[(int) ((v >>> msdShift) & (RADIX - 1))]++] = v;
    }
    if (msdShift == 32) {
      return out;
    }
    long[] aux = packed;
    long lowVarying = varying & ((1L << msdShift) - 1);
    IntStream.range(0, RADIX)
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
    int digit = digitBits(limit - 32, len);
    int[] counts = new int[1 << digit];
    for (int shift = 32; shift < limit; shift += digit) {
      int bits = Math.min(digit, limit - shift);
      long mask = (1L << bits) - 1;
      if (((varying >>> shift) & mask) == 0) {
        continue;
      }
      Arrays.fill(counts, 0);
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
   * The digit width (at most 11 bits) that sorts {@code len} longs by {@code bits} bits in the
   * fewest steps: each pass costs its counters twice and the longs twice.
   */
  private static int digitBits(int bits, int len) {
    int best = DIGIT_BITS;
    long bestCost = Long.MAX_VALUE;
    for (int passes = 1; passes <= bits; passes++) {
      int d = (bits + passes - 1) / passes;
      if (d > DIGIT_BITS) {
        continue;
      }
      long cost = passes * ((2L << d) + 2L * len);
      if (cost < bestCost) {
        bestCost = cost;
        best = d;
      }
    }
    return best;
  }

  /**
   * Orders order[from, to) (rows in increasing index order) by their full sortable bits, stably:
   * insertion sort for short runs, a recursive {@link #ascendingOrder} for long ones (its window
   * then starts below the bits this run shares, so the recursion ends).
   */
  static void sortRun(int[] order, int from, int to, double[] scores) {
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

  /** The inverse of {@link #sortableBits} (gives 0.0 for -0.0). */
  private static double fromSortableBits(long u) {
    return Double.longBitsToDouble(u < 0 ? u ^ Long.MIN_VALUE : ~u);
  }
}
