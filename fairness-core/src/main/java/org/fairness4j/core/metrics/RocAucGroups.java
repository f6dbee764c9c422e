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
    GroupIndex[] index = indexes.toArray(GroupIndex[]::new);
    Cells combined = Cells.dense(index, rowCount);
    if (combined == null) {
      combined = Cells.incremental(index, rowCount);
    }
    int[] cell = combined.ofRow();
    int cells = combined.count();
    List<int[]> groupOfCell = combined.groupOf();
    for (int f = 0; f < sets; f++) {
      for (int g : groupOfCell.get(f)) {
        drops[f] |= g < 0;
      }
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
   * The distinct combinations of a row's groups.
   *
   * @param ofRow the cell of each row
   * @param groupOf per feature set, the group of each cell's rows (-1: dropped)
   * @param count the number of cells
   */
  private record Cells(int[] ofRow, List<int[]> groupOf, int count) {
    /** One pass numbering the mixed-radix keys; null if there are too many keys for a table. */
    static Cells dense(GroupIndex[] index, int rows) {
      long keys = 1;
      for (GroupIndex i : index) {
        keys *= i.groupCount() + 1L;
        if (keys > DENSE_LIMIT) {
          return null;
        }
      }
      int[] id = new int[(int) keys];
      Arrays.fill(id, -1);
      int[] keyOf = new int[16];
      int count = 0;
      int[] cell = new int[rows];
      for (int r = 0; r < rows; r++) {
        int key = 0;
        for (GroupIndex i : index) {
          key = key * (i.groupCount() + 1) + i.groupOf(r) + 1;
        }
        int c = id[key];
        if (c < 0) {
          c = id[key] = count++;
          if (c == keyOf.length) {
            keyOf = Arrays.copyOf(keyOf, 2 * c);
          }
          keyOf[c] = key;
        }
        cell[r] = c;
      }
      List<int[]> groupOf = new ArrayList<>();
      for (int f = 0; f < index.length; f++) {
        groupOf.add(new int[count]);
      }
      for (int c = 0; c < count; c++) {
        int key = keyOf[c];
        for (int f = index.length - 1; f >= 0; f--) {
          int width = index[f].groupCount() + 1;
          groupOf.get(f)[c] = key % width - 1;
          key /= width;
        }
      }
      return new Cells(cell, groupOf, count);
    }

    /** Set by set: each cell split by the next set's groups, numbered through a hash map. */
    static Cells incremental(GroupIndex[] index, int rows) {
      int[] cell = new int[rows];
      List<int[]> groupOfCell = new ArrayList<>();
      int cells = 1;
      for (GroupIndex set : index) {
        long width = set.groupCount() + 1L;
        int[] parent = new int[16];
        int[] groupOf = new int[16];
        int count = 0;
        // Dense numbering of this step's keys where they fit an array, else a hash map.
        int[] dense = cells * width <= DENSE_LIMIT ? new int[(int) (cells * width)] : null;
        if (dense != null) {
          Arrays.fill(dense, -1);
        }
        Map<Long, Integer> id = new HashMap<>();
        for (int r = 0; r < rows; r++) {
          int g = set.groupOf(r);
          long key = cell[r] * width + g + 1;
          int c = dense != null ? dense[(int) key] : id.getOrDefault(key, -1);
          if (c < 0) {
            c = count++;
            if (dense != null) {
              dense[(int) key] = c;
            } else {
              id.put(key, c);
            }
            if (c == parent.length) {
              parent = Arrays.copyOf(parent, 2 * c);
              groupOf = Arrays.copyOf(groupOf, 2 * c);
            }
            parent[c] = cell[r];
            groupOf[c] = g;
          }
          cell[r] = c;
        }
        for (int e = 0; e < groupOfCell.size(); e++) {
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
      return new Cells(cell, groupOfCell, cells);
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
