package org.fairness4j.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.table.PredictionTable;

/**
 * Per-group ROC AUC of several feature sets of one table, one pass over the rows per scored class:
 * the feature sets' groups are combined once into cells (the distinct combinations of a row's
 * groups), and each class's sorted rows add to every feature set's group and overall sums at once.
 * The values equal {@link RocAuc.Ranking#byGroup} of each feature set (the same sums; unweighted
 * ones counted exactly). Immutable and thread-safe: one instance serves every class, also
 * concurrently.
 */
public final class RocAucGroups {
  private static final int DENSE_LIMIT = 1 << 22;

  private final int rowCount;
  private final int[] groupCounts;
  private final int[] overallSlot;
  private final int slots;
  private final int[] cellOfRow;
  private final int[] cellStart;
  private final int[] cellSlots;
  private final long[] slotRows;

  private RocAucGroups(List<GroupIndex> indexes) {
    int sets = indexes.size();
    rowCount = sets == 0 ? 0 : indexes.get(0).rowCount();
    groupCounts = new int[sets];
    int[] base = new int[sets];
    overallSlot = new int[sets];
    boolean[] drops = new boolean[sets];
    // Slot layout: the groups of each set, then one overall slot shared by the sets that keep
    // every row, then one overall slot per set that drops rows.
    int next = 0;
    for (int f = 0; f < sets; f++) {
      GroupIndex index = indexes.get(f);
      if (index.rowCount() != rowCount) {
        throw new IllegalArgumentException("group indexes differ in row count");
      }
      groupCounts[f] = index.groupCount();
      base[f] = next;
      next += groupCounts[f];
    }
    int shared = next++;
    int[] cell = new int[rowCount];
    // groupOfCell.get(f)[c]: the group (or -1) of the rows of cell c in set f.
    List<int[]> groupOfCell = new ArrayList<>();
    int cells = 1;
    for (int f = 0; f < sets; f++) {
      GroupIndex index = indexes.get(f);
      long width = groupCounts[f] + 1L;
      int[] parent = new int[16];
      int[] groupOf = new int[16];
      int count = 0;
      if (cells * width <= DENSE_LIMIT) {
        int[] id = new int[(int) (cells * width)];
        Arrays.fill(id, -1);
        for (int r = 0; r < rowCount; r++) {
          int g = index.groupOf(r);
          int key = (int) (cell[r] * width) + g + 1;
          int c = id[key];
          if (c < 0) {
            c = id[key] = count++;
            if (c == parent.length) {
              parent = Arrays.copyOf(parent, 2 * c);
              groupOf = Arrays.copyOf(groupOf, 2 * c);
            }
            parent[c] = cell[r];
            groupOf[c] = g;
            drops[f] |= g < 0;
          }
          cell[r] = c;
        }
      } else {
        Map<Long, Integer> id = new HashMap<>();
        for (int r = 0; r < rowCount; r++) {
          int g = index.groupOf(r);
          long key = cell[r] * width + g + 1;
          Integer c = id.get(key);
          if (c == null) {
            c = count++;
            id.put(key, c);
            if (c == parent.length) {
              parent = Arrays.copyOf(parent, 2 * c);
              groupOf = Arrays.copyOf(groupOf, 2 * c);
            }
            parent[c] = cell[r];
            groupOf[c] = g;
            drops[f] |= g < 0;
          }
          cell[r] = c;
        }
      }
      for (int e = 0; e < f; e++) {
        int[] old = groupOfCell.get(e);
        int[] now = new int[count];
        for (int c = 0; c < count; c++) {
          now[c] = old[parent[c]];
        }
        groupOfCell.set(e, now);
      }
      groupOfCell.add(Arrays.copyOf(groupOf, count));
      cells = count;
    }
    for (int f = 0; f < sets; f++) {
      overallSlot[f] = drops[f] ? next++ : shared;
    }
    slots = next;
    cellStart = new int[cells + 1];
    int[] list = new int[cells * (2 * sets)];
    int size = 0;
    for (int c = 0; c < cells; c++) {
      cellStart[c] = size;
      boolean sharedAdded = false;
      for (int f = 0; f < sets; f++) {
        int g = groupOfCell.get(f)[c];
        if (g < 0) {
          continue;
        }
        list[size++] = base[f] + g;
        if (overallSlot[f] != shared) {
          list[size++] = overallSlot[f];
        } else if (!sharedAdded) {
          sharedAdded = true;
          list[size++] = shared;
        }
      }
    }
    cellStart[cells] = size;
    cellSlots = Arrays.copyOf(list, size);
    cellOfRow = cell;
    long[] cellRows = new long[cells];
    for (int c : cell) {
      cellRows[c]++;
    }
    slotRows = new long[slots];
    for (int c = 0; c < cells; c++) {
      for (int k = cellStart[c]; k < cellStart[c + 1]; k++) {
        slotRows[cellSlots[k]] += cellRows[c];
      }
    }
  }

  /**
   * Combines the groups of several feature sets of one table.
   *
   * @param indexes the feature sets' groups, all over the same rows
   * @return the combined groups
   * @throws IllegalArgumentException if the indexes differ in row count
   */
  public static RocAucGroups of(List<GroupIndex> indexes) {
    return new RocAucGroups(List.copyOf(indexes));
  }

  /**
   * Computes the AUC of every group and overall, for each feature set, from one class's scores.
   *
   * @param scores the score of the positive class per row, finite
   * @param table the table the indexes group (true classes and weights)
   * @param positiveClass the class index whose rows are positives
   * @return per feature set (in order), one value per group then the overall value at index {@code
   *     groupCount()}, as {@link RocAuc.Ranking#byGroup}
   * @throws IllegalArgumentException if the scores or the table do not fit the indexes' rows
   */
  public List<MetricValue[]> byGroup(double[] scores, PredictionTable table, int positiveClass) {
    requireRows(scores, table);
    return count(
        ScoreSort.rank(scores, table, positiveClass, cellOfRow, cellStart.length - 1),
        scores,
        table,
        positiveClass);
  }

  private void requireRows(double[] scores, PredictionTable table) {
    if (groupCounts.length > 0 && (table.rowCount() != rowCount || scores.length != rowCount)) {
      throw new IllegalArgumentException(
          "scores and table must have the indexes' " + rowCount + " rows");
    }
  }

  List<MetricValue[]> count(
      ScoreSort.Sorted sorted, double[] scores, PredictionTable table, int positiveClass) {
    if (groupCounts.length == 0) {
      return List.of();
    }
    requireRows(scores, table);
    AucCounter counter = AucCounter.of(table, slotRows, cellOfRow, cellStart, cellSlots);
    counter.addAll(sorted, scores, table, positiveClass);
    List<MetricValue[]> out = new ArrayList<>(groupCounts.length);
    int base = 0;
    for (int f = 0; f < groupCounts.length; f++) {
      MetricValue[] values = new MetricValue[groupCounts[f] + 1];
      for (int g = 0; g < groupCounts[f]; g++) {
        values[g] = counter.value(base + g);
      }
      values[groupCounts[f]] = counter.value(overallSlot[f]);
      out.add(values);
      base += groupCounts[f];
    }
    return out;
  }
}
