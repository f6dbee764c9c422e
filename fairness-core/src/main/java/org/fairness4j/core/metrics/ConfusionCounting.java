package org.fairness4j.core.metrics;

import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.stats.ExactSum;
import org.fairness4j.core.table.PredictionTable;

/**
 * Counts a table's rows into {@link ConfusionStatistics} in one pass: plain counts when the table
 * is unweighted, else exact weight sums per cell ({@link ExactSum}), each rounded once.
 */
final class ConfusionCounting {
  private ConfusionCounting() {}

  /** The statistics of the rows {@code [from, to)}; rows in no group are skipped. */
  static ConfusionStatistics count(PredictionTable table, GroupIndex index, int from, int to) {
    if (index.rowCount() != table.rowCount()) {
      throw new IllegalArgumentException("group index and table differ in row count");
    }
    int groups = index.groupCount();
    int k = table.classes().size();
    double[] cells = new double[ConfusionStatistics.cellCount(groups, k)];
    long[] rows = new long[groups];
    if (!table.isWeighted()) {
      for (int i = from; i < to; i++) {
        int g = index.groupOf(i);
        if (g < 0) {
          continue;
        }
        cells[(g * k + table.trueClass(i)) * k + table.predictedClass(i)] += 1.0;
        rows[g]++;
      }
      return ConfusionStatistics.ofParts(groups, k, cells, rows, null);
    }
    ExactSum[] sums = new ExactSum[cells.length];
    for (int i = from; i < to; i++) {
      int g = index.groupOf(i);
      if (g < 0) {
        continue;
      }
      int cell = (g * k + table.trueClass(i)) * k + table.predictedClass(i);
      ExactSum s = sums[cell];
      if (s == null) {
        s = new ExactSum();
        sums[cell] = s;
      }
      s.add(table.weight(i));
      rows[g]++;
    }
    return ConfusionStatistics.ofParts(groups, k, ConfusionStatistics.rounded(sums), rows, sums);
  }
}
