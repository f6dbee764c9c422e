package org.fairness4j.core.metrics;

import java.util.Arrays;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.stats.ExactSum;
import org.fairness4j.core.table.PredictionTable;

/**
 * Mergeable sufficient statistics of a grouped classification: for each group, the (weighted) K×K
 * confusion matrix (true class × predicted class) and the unweighted row count. Every count metric
 * of every group derives from it. {@link #combine} of the statistics of two row sets equals the
 * statistics of their concatenation, so batches, threads and partitions share one code path.
 * Weights are summed exactly ({@link ExactSum}) and each cell is rounded once, so weighted cells do
 * not depend on the order or grouping of the rows (threads, chunks, partitions); unweighted cells
 * are plain counts. Immutable; build incrementally with {@link Accumulator}.
 */
public final class ConfusionStatistics {
  private final int groups;
  private final int classes;
  private final double[] cells;
  private final long[] rows;

  /** The exact weight sums (an entry null where the cell's double is exact); null if unweighted. */
  private final ExactSum[] exact;

  private ConfusionStatistics(int groups, int classes, double[] cells, long[] rows) {
    this(groups, classes, cells, rows, null);
  }

  private ConfusionStatistics(
      int groups, int classes, double[] cells, long[] rows, ExactSum[] exact) {
    this.groups = groups;
    this.classes = classes;
    this.cells = cells;
    this.rows = rows;
    this.exact = exact;
  }

  /**
   * Counts all rows of a table in one pass.
   *
   * @param table the table
   * @param index the groups of its rows
   * @return the statistics
   */
  public static ConfusionStatistics of(PredictionTable table, GroupIndex index) {
    return of(table, index, 0, table.rowCount());
  }

  /**
   * Counts the rows {@code [from, to)} of a table in one pass; rows in no group are skipped.
   *
   * @param table the table
   * @param index the groups of its rows
   * @param from first row, inclusive
   * @param to last row, exclusive
   * @return the statistics
   */
  public static ConfusionStatistics of(PredictionTable table, GroupIndex index, int from, int to) {
    return ConfusionCounting.count(table, index, from, to);
  }

  /** The number of cells of a shape; throws for an empty or too large shape. */
  static int cellCount(int groups, int classes) {
    if (groups < 1 || classes < 1) {
      throw new IllegalArgumentException("need at least one group and one class");
    }
    long size = (long) groups * classes * classes;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many groups × classes²: " + size);
    }
    return (int) size;
  }

  /** Statistics of these parts (not copied); {@code exact} null for plain counts. */
  static ConfusionStatistics ofParts(
      int groups, int classes, double[] cells, long[] rows, ExactSum[] exact) {
    return new ConfusionStatistics(groups, classes, cells, rows, exact);
  }

  /**
   * Statistics from exact cell weights, as aggregated from joint cells (streaming, Spark); the
   * cells are the exact sums rounded once.
   *
   * @param groups number of groups
   * @param classes number of classes
   * @param cells {@code groups*classes*classes} exact weights in {@code [group][true][predicted]}
   *     order, an entry null for zero; copied
   * @param rows row count per group
   * @return the statistics
   * @throws IllegalArgumentException if the lengths do not fit
   */
  public static ConfusionStatistics ofExact(
      int groups, int classes, ExactSum[] cells, long[] rows) {
    if (cells.length != groups * classes * classes || rows.length != groups) {
      throw new IllegalArgumentException("cells or rows do not fit " + groups + "x" + classes);
    }
    ExactSum[] e = new ExactSum[cells.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = cells[i] == null ? null : cells[i].copy();
    }
    return new ConfusionStatistics(groups, classes, rounded(e), rows.clone(), e);
  }

  static double[] rounded(ExactSum[] sums) {
    double[] c = new double[sums.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = sums[i] == null ? 0.0 : sums[i].doubleValue();
    }
    return c;
  }

  /**
   * Statistics with no rows.
   *
   * @param groups number of groups
   * @param classes number of classes
   * @return the empty statistics
   */
  public static ConfusionStatistics empty(int groups, int classes) {
    return new Accumulator(groups, classes).build();
  }

  /**
   * Statistics from cell counts, as produced by resampling the cells (bootstrap).
   *
   * @param groups number of groups
   * @param classes number of classes
   * @param cells {@code groups*classes*classes} weights in {@code [group][true][predicted]} order
   * @param rows row count per group
   * @return the statistics
   */
  public static ConfusionStatistics ofCounts(int groups, int classes, double[] cells, long[] rows) {
    if (cells.length != groups * classes * classes || rows.length != groups) {
      throw new IllegalArgumentException("cells or rows do not fit " + groups + "x" + classes);
    }
    return new ConfusionStatistics(groups, classes, cells.clone(), rows.clone());
  }

  /**
   * Returns a copy of all cells in {@code [group][true][predicted]} order.
   *
   * @return the cells
   */
  public double[] cells() {
    return cells.clone();
  }

  /**
   * Returns the statistics of the rows of both operands.
   *
   * @param other statistics of the same shape
   * @return the combined statistics
   * @throws IllegalArgumentException if the shapes differ
   */
  public ConfusionStatistics combine(ConfusionStatistics other) {
    if (other.groups != groups || other.classes != classes) {
      throw new IllegalArgumentException(
          "cannot combine statistics of "
              + groups
              + "x"
              + classes
              + " with "
              + other.groups
              + "x"
              + other.classes);
    }
    long[] r = rows.clone();
    for (int i = 0; i < r.length; i++) {
      r[i] += other.rows[i];
    }
    if (exact == null && other.exact == null) {
      double[] c = cells.clone();
      for (int i = 0; i < c.length; i++) {
        c[i] += other.cells[i];
      }
      return new ConfusionStatistics(groups, classes, c, r);
    }
    ExactSum[] e = new ExactSum[cells.length];
    for (int i = 0; i < e.length; i++) {
      if (cells[i] != 0 || other.cells[i] != 0 || exactAt(i) != null || other.exactAt(i) != null) {
        e[i] = exactOf(i).add(other.exactOf(i));
      }
    }
    return new ConfusionStatistics(groups, classes, rounded(e), r, e);
  }

  private ExactSum exactAt(int cell) {
    return exact == null ? null : exact[cell];
  }

  /** A new exact sum of a cell: its exact weights, or its double where that is exact. */
  private ExactSum exactOf(int cell) {
    ExactSum s = exactAt(cell);
    return s != null ? s.copy() : ExactSum.of(cells[cell]);
  }

  /**
   * Returns the number of groups.
   *
   * @return the number of groups
   */
  public int groupCount() {
    return groups;
  }

  /**
   * Returns the number of classes.
   *
   * @return the number of classes
   */
  public int classCount() {
    return classes;
  }

  /**
   * Returns the unweighted row count of a group.
   *
   * @param group the group number
   * @return the count
   */
  public long rows(int group) {
    return rows[group];
  }

  /**
   * Returns the unweighted row count over all groups.
   *
   * @return the count
   */
  public long totalRows() {
    long s = 0;
    for (long r : rows) {
      s += r;
    }
    return s;
  }

  /**
   * Returns a copy of a group's confusion matrix, {@code [true][predicted]}.
   *
   * @param group the group number
   * @return a new K×K array
   */
  public double[][] matrix(int group) {
    double[][] m = new double[classes][classes];
    int base = group * classes * classes;
    for (int t = 0; t < classes; t++) {
      System.arraycopy(cells, base + t * classes, m[t], 0, classes);
    }
    return m;
  }

  /**
   * Returns the confusion matrix summed over all groups, {@code [true][predicted]}.
   *
   * @return a new K×K array
   */
  public double[][] overallMatrix() {
    double[][] m = new double[classes][classes];
    int kk = classes * classes;
    for (int g = 0; g < groups; g++) {
      for (int t = 0; t < classes; t++) {
        for (int p = 0; p < classes; p++) {
          m[t][p] += cells[g * kk + t * classes + p];
        }
      }
    }
    return m;
  }

  /**
   * Returns a group's one-vs-rest binary counts.
   *
   * @param group the group number
   * @param positiveClass the class index treated as positive
   * @return the counts
   */
  public BinaryCounts binary(int group, int positiveClass) {
    return reduce(matrix(group), positiveClass, rows[group]);
  }

  /**
   * Returns the one-vs-rest binary counts over all groups.
   *
   * @param positiveClass the class index treated as positive
   * @return the counts
   */
  public BinaryCounts overallBinary(int positiveClass) {
    return reduce(overallMatrix(), positiveClass, totalRows());
  }

  /**
   * Reduces a K×K confusion matrix to one-vs-rest counts.
   *
   * @param m the matrix {@code [true][predicted]}
   * @param positive the positive class index
   * @param rows the row count to carry
   * @return the counts
   */
  public static BinaryCounts reduce(double[][] m, int positive, long rows) {
    return BinaryCounts.oneVsRest(m, positive, rows);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionStatistics s
        && s.groups == groups
        && s.classes == classes
        && Arrays.equals(s.cells, cells)
        && Arrays.equals(s.rows, rows);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(cells) + Arrays.hashCode(rows);
  }

  @Override
  public String toString() {
    return "ConfusionStatistics[groups=" + groups + ", classes=" + classes + "]";
  }

  /**
   * A mutable builder of statistics, one row at a time (e.g. batch by batch from a model's output).
   * Not thread-safe: give each thread its own and {@link ConfusionStatistics#combine} the results.
   */
  public static final class Accumulator {
    private final int groups;
    private final int classes;
    private final double[] cells;
    private final long[] rows;
    private ExactSum[] weights;

    /**
     * Creates an empty accumulator.
     *
     * @param groups number of groups, at least 1
     * @param classes number of classes, at least 1
     */
    public Accumulator(int groups, int classes) {
      this.groups = groups;
      this.classes = classes;
      this.cells = new double[cellCount(groups, classes)];
      this.rows = new long[groups];
    }

    /**
     * Adds one row.
     *
     * @param group group number in {@code [0, groups)}
     * @param trueClass true class index
     * @param predictedClass predicted class index
     * @param weight non-negative weight (1 for unweighted data), summed exactly
     * @throws IllegalArgumentException if the weight is negative, NaN or infinite
     */
    public void add(int group, int trueClass, int predictedClass, double weight) {
      if (trueClass < 0
          || trueClass >= classes
          || predictedClass < 0
          || predictedClass >= classes) {
        throw new IndexOutOfBoundsException(
            "class index out of [0," + classes + "): " + trueClass + ", " + predictedClass);
      }
      int cell = (group * classes + trueClass) * classes + predictedClass;
      if (weight == 1.0) {
        cells[cell] += 1.0;
      } else {
        if (weights == null) {
          weights = new ExactSum[cells.length];
        }
        if (weights[cell] == null) {
          weights[cell] = new ExactSum();
        }
        weights[cell].add(weight);
      }
      rows[group]++;
    }

    /**
     * Returns immutable statistics of the rows added so far.
     *
     * @return the statistics
     */
    public ConfusionStatistics build() {
      if (weights == null) {
        return new ConfusionStatistics(groups, classes, cells.clone(), rows.clone());
      }
      ExactSum[] e = new ExactSum[cells.length];
      for (int i = 0; i < e.length; i++) {
        if (weights[i] != null || cells[i] != 0) {
          e[i] = (weights[i] == null ? new ExactSum() : weights[i].copy()).add(cells[i]);
        }
      }
      return new ConfusionStatistics(groups, classes, rounded(e), rows.clone(), e);
    }
  }
}
