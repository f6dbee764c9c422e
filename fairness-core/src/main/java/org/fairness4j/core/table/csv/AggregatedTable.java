package org.fairness4j.core.table.csv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fairness4j.core.group.AttributeSummary;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.group.GroupedStatistics;
import org.fairness4j.core.metrics.ConfusionStatistics;
import org.fairness4j.core.stats.ExactSum;
import org.fairness4j.core.table.ClassLabels;

/**
 * A table known only by its joint cell counts ({@link CellCounts#finish}): the classes, the levels
 * and summaries of its attributes, and for any feature set the same {@link GroupedStatistics} the
 * in-memory {@link org.fairness4j.core.table.PredictionTable} gives (groups in the same order, the
 * same counts; weights are summed exactly, so they equal the in-memory table's to the last bit).
 * Immutable.
 */
public final class AggregatedTable {
  private final TableCoder coder;
  private final ClassLabels classes;
  private final List<String> scoreLabels;
  private final List<String> names = new ArrayList<>();
  private final List<List<String>> levels = new ArrayList<>();
  private final List<HashMap<String, Integer>> codes = new ArrayList<>();
  private final List<AttributeSummary> summaries = new ArrayList<>();
  private final HashMap<Integer, Integer> classOfLabel = new HashMap<>();
  private final int[][] cellCodes;
  private final int[] cellTrue;
  private final int[] cellPred;

  /** The exact weight of each joint cell; null when unweighted (the weight is the row count). */
  private final ExactSum[] cellWeight;

  private final long[] cellRows;
  private final List<int[][]> clusterCells;

  AggregatedTable(
      TableCoder coder,
      ClassLabels classes,
      List<String> scoreLabels,
      Map<CellCounts.Cell, CellCounts.Tally> cells,
      Map<String, Map<CellCounts.Cell, long[]>> clusters) {
    this.coder = coder;
    this.classes = classes;
    this.scoreLabels = List.copyOf(scoreLabels);
    CsvTableSpec spec = coder.spec();
    int m = spec.attributes().size();
    // Deterministic cell order: by tokens, then labels.
    List<Map.Entry<CellCounts.Cell, CellCounts.Tally>> entries = new ArrayList<>(cells.entrySet());
    entries.sort(
        (a, b) -> {
          int c = compareTokens(a.getKey().tokens(), b.getKey().tokens());
          if (c != 0) {
            return c;
          }
          c = Integer.compare(a.getKey().trueLabel(), b.getKey().trueLabel());
          return c != 0
              ? c
              : Integer.compare(a.getKey().predictedLabel(), b.getKey().predictedLabel());
        });
    for (int a = 0; a < m; a++) {
      CsvTableSpec.AttributeSpec as = spec.attributes().get(a);
      Map<String, Long> rowsOfToken = new HashMap<>();
      for (Map.Entry<CellCounts.Cell, CellCounts.Tally> e : entries) {
        rowsOfToken.merge(e.getKey().tokens().get(a), e.getValue().rows, Long::sum);
      }
      AttributeCoding coding = AttributeCoding.of(as, spec.missingPolicy(), rowsOfToken);
      names.add(as.name());
      levels.add(coding.levels());
      codes.add(coding.codes());
      summaries.add(coding.summary());
    }
    int n = entries.size();
    cellCodes = new int[n][m];
    cellTrue = new int[n];
    cellPred = new int[n];
    cellWeight = coder.spec().weightColumn() == null ? null : new ExactSum[n];
    cellRows = new long[n];
    boolean declared = spec.classes() != null;
    for (int i = 0; i < n; i++) {
      CellCounts.Cell c = entries.get(i).getKey();
      for (int a = 0; a < m; a++) {
        cellCodes[i][a] = codes.get(a).get(c.tokens().get(a));
      }
      cellTrue[i] = declared ? c.trueLabel() : classOf(c.trueLabel());
      cellPred[i] = declared ? c.predictedLabel() : classOf(c.predictedLabel());
      if (cellWeight != null) {
        cellWeight[i] = entries.get(i).getValue().weight.copy();
      }
      cellRows[i] = entries.get(i).getValue().rows;
    }
    if (!declared) {
      for (int i = 0; i < classes.size(); i++) {
        classOfLabel.put(Integer.parseInt(classes.label(i)), i);
      }
    }
    this.clusterCells = clusters == null ? null : clusterCells(clusters, m);
  }

  private int classOf(int label) {
    return classes.indexOf(Integer.toString(label));
  }

  private List<int[][]> clusterCells(Map<String, Map<CellCounts.Cell, long[]>> clusters, int m) {
    List<int[][]> out = new ArrayList<>();
    boolean declared = coder.spec().classes() != null;
    for (Map<CellCounts.Cell, long[]> cells : clusters.values()) {
      int[][] rows = new int[cells.size()][];
      int i = 0;
      for (Map.Entry<CellCounts.Cell, long[]> e : cells.entrySet()) {
        CellCounts.Cell c = e.getKey();
        int[] r = new int[m + 3];
        for (int a = 0; a < m; a++) {
          r[a] = codes.get(a).get(c.tokens().get(a));
        }
        r[m] = declared ? c.trueLabel() : classOf(c.trueLabel());
        r[m + 1] = declared ? c.predictedLabel() : classOf(c.predictedLabel());
        r[m + 2] = Math.toIntExact(e.getValue()[0]);
        rows[i++] = r;
      }
      out.add(rows);
    }
    return out;
  }

  private static int compareTokens(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      String x = a.get(i);
      String y = b.get(i);
      int c = x == null ? (y == null ? 0 : -1) : (y == null ? 1 : x.compareTo(y));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /**
   * Returns the class labels.
   *
   * @return the labels
   */
  public ClassLabels classes() {
    return classes;
  }

  /**
   * Returns the number of rows counted.
   *
   * @return the count
   */
  public long rowCount() {
    long n = 0;
    for (long r : cellRows) {
      n += r;
    }
    return n;
  }

  /**
   * Returns the class label of each score column of the spec, in column order.
   *
   * @return an immutable list
   */
  public List<String> scoreLabels() {
    return scoreLabels;
  }

  /**
   * Returns whether the rows carry weights (the spec names a weight column).
   *
   * @return true if weighted
   */
  public boolean isWeighted() {
    return coder.spec().weightColumn() != null;
  }

  /**
   * Returns the summaries of all attributes of the spec, in spec order.
   *
   * @return an immutable list
   */
  public List<AttributeSummary> attributes() {
    return List.copyOf(summaries);
  }

  /**
   * Returns the grouper that assigns coded rows to the groups of these feature sets (for a second
   * pass over the rows, e.g. to rank scores).
   *
   * @param featureSets the feature sets
   * @return the grouper
   * @throws IllegalArgumentException if an attribute is unknown or a product of levels is too large
   */
  public RowGrouper grouper(List<FeatureSet> featureSets) {
    List<int[]> attrs = new ArrayList<>();
    List<int[]> radices = new ArrayList<>();
    for (FeatureSet fs : featureSets) {
      int[] idx = attributeIndices(fs);
      attrs.add(idx);
      radices.add(radix(idx));
    }
    return new RowGrouper(
        new ArrayList<>(codes),
        attrs,
        radices,
        coder.spec().classes() != null ? null : new HashMap<>(classOfLabel));
  }

  private int[] attributeIndices(FeatureSet fs) {
    int[] idx = new int[fs.attributes().size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = names.indexOf(fs.attributes().get(i));
      if (idx[i] < 0) {
        throw new IllegalArgumentException(
            "no sensitive attribute '" + fs.attributes().get(i) + "'; the table has " + names);
      }
    }
    return idx;
  }

  private int[] radix(int[] idx) {
    int[] radix = new int[idx.length + 1];
    long total = 1;
    for (int a = idx.length - 1; a >= 0; a--) {
      radix[a] = (int) total;
      total *= levels.get(idx[a]).size();
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("too many groups in " + idx.length + " attributes");
      }
    }
    radix[idx.length] = (int) total;
    return radix;
  }

  /**
   * Returns the statistics of a feature set: the same groups, counts, dropped rows and attribute
   * summaries as the in-memory table's.
   *
   * @param fs the feature set
   * @return the statistics
   * @throws IllegalArgumentException if an attribute is unknown, or has no level (every value
   *     missing under the DROP policy), as the in-memory table refuses it
   */
  public GroupedStatistics statistics(FeatureSet fs) {
    int[] idx = attributeIndices(fs);
    int[] radix = radix(idx);
    int groups = radix[idx.length];
    if (groups == 0) {
      throw new IllegalArgumentException(
          "feature set "
              + fs
              + " has no groups: every value of an attribute is missing and dropped");
    }
    int k = classes.size();
    double[] cells = new double[groups * k * k];
    ExactSum[] exact = cellWeight == null ? null : new ExactSum[cells.length];
    long[] rows = new long[groups];
    long dropped = 0;
    for (int i = 0; i < cellRows.length; i++) {
      int g = RowGrouper.group(cellCodes[i], idx, radix);
      if (g < 0) {
        dropped += cellRows[i];
        continue;
      }
      int cell = (g * k + cellTrue[i]) * k + cellPred[i];
      if (exact == null) {
        cells[cell] += cellRows[i];
      } else {
        if (exact[cell] == null) {
          exact[cell] = new ExactSum();
        }
        exact[cell].add(cellWeight[i]);
      }
      rows[g] += cellRows[i];
    }
    List<GroupKey> keys = new ArrayList<>(groups);
    for (int g = 0; g < groups; g++) {
      List<String> lv = new ArrayList<>(idx.length);
      for (int a = 0; a < idx.length; a++) {
        List<String> l = levels.get(idx[a]);
        lv.add(l.get((g / radix[a]) % l.size()));
      }
      keys.add(new GroupKey(lv));
    }
    List<AttributeSummary> attrs = new ArrayList<>();
    for (int a : idx) {
      attrs.add(summaries.get(a));
    }
    return new GroupedStatistics(
        fs,
        attrs,
        keys,
        Math.toIntExact(dropped),
        classes,
        exact == null
            ? ConfusionStatistics.ofCounts(groups, k, cells, rows)
            : ConfusionStatistics.ofExact(groups, k, exact, rows));
  }

  /**
   * Returns, for a feature set, the cells of each cluster as flattened {@code (cell, rows)} pairs,
   * cells numbered {@code (group * K + true) * K + predicted} as in {@link
   * ConfusionStatistics#cells()}; clusters in the order they were first added, rows in no group
   * left out.
   *
   * @param fs the feature set
   * @return one array per cluster
   * @throws IllegalStateException if the counts were gathered without clusters
   */
  public int[][] clusterCells(FeatureSet fs) {
    if (clusterCells == null) {
      throw new IllegalStateException("the counts were gathered without clusters");
    }
    int[] idx = attributeIndices(fs);
    int[] radix = radix(idx);
    int k = classes.size();
    int m = names.size();
    int[][] out = new int[clusterCells.size()][];
    for (int c = 0; c < out.length; c++) {
      TreeMap<Integer, Integer> cells = new TreeMap<>();
      for (int[] r : clusterCells.get(c)) {
        int g = RowGrouper.group(r, idx, radix);
        if (g >= 0) {
          cells.merge((g * k + r[m]) * k + r[m + 1], r[m + 2], Integer::sum);
        }
      }
      int[] flat = new int[2 * cells.size()];
      int j = 0;
      for (Map.Entry<Integer, Integer> e : cells.entrySet()) {
        flat[j++] = e.getKey();
        flat[j++] = e.getValue();
      }
      out[c] = flat;
    }
    return out;
  }
}
