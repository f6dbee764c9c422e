package org.fairness4j.core.table.csv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fairness4j.core.stats.ExactSum;
import org.fairness4j.core.table.ClassLabels;

/**
 * Mergeable counts of a table's joint cells: for each combination of coded sensitive values (see
 * {@link TableCoder#attributeToken}), true label and predicted label, the summed weight and the
 * number of rows; optionally the cells of each cluster. Its size grows with the number of distinct
 * combinations, never with the number of rows, so a streaming reader or an Apache Spark aggregation
 * can fill it. {@link #finish} resolves classes and attribute levels exactly as the in-memory table
 * does. Weights are summed exactly ({@link ExactSum}), so the result does not depend on the order
 * of the rows or of the merges. Not thread-safe; {@link #merge} combines the counts of two row
 * sets.
 */
public final class CellCounts {
  private final TableCoder coder;
  private final boolean weighted;
  private final Map<Cell, Tally> cells = new HashMap<>();
  private final Map<String, Map<Cell, long[]>> clusters;

  /** A joint cell: attribute tokens, true and predicted label codes. */
  record Cell(List<String> tokens, int trueLabel, int predictedLabel) {}

  /** The rows of a cell and their weight: exact when weighted, else the row count. */
  static final class Tally {
    final ExactSum weight;
    long rows;

    Tally(boolean weighted) {
      weight = weighted ? new ExactSum() : null;
    }

    /** Returns the summed weight rounded once (the row count when unweighted). */
    double weight() {
      return weight == null ? rows : weight.doubleValue();
    }
  }

  /**
   * Starts empty counts.
   *
   * @param coder the coder the rows were coded with
   * @param withClusters whether cluster cells are also kept ({@link #addCluster})
   */
  public CellCounts(TableCoder coder, boolean withClusters) {
    this.coder = Objects.requireNonNull(coder);
    this.weighted = coder.spec().weightColumn() != null;
    this.clusters = withClusters ? new LinkedHashMap<>() : null;
  }

  /**
   * Adds rows of one joint cell.
   *
   * @param tokens one token per attribute of the spec ({@link TableCoder#attributeToken})
   * @param trueLabel the true label code ({@link TableCoder#label})
   * @param predictedLabel the predicted label code
   * @param weight the summed weight of the rows (ignored when the spec has no weight column)
   * @param rows the number of rows
   * @throws IllegalArgumentException if the number of tokens is wrong, or the weight is negative,
   *     NaN or infinite
   */
  public void add(String[] tokens, int trueLabel, int predictedLabel, double weight, long rows) {
    Tally t = tally(new Cell(tokens(tokens), trueLabel, predictedLabel));
    if (weighted) {
      t.weight.add(weight);
    }
    t.rows += rows;
  }

  /**
   * Adds rows of one joint cell with their exactly summed weight (e.g. from a Spark aggregation).
   *
   * @param tokens one token per attribute of the spec ({@link TableCoder#attributeToken})
   * @param trueLabel the true label code
   * @param predictedLabel the predicted label code
   * @param weight the exact summed weight of the rows (ignored when the spec has no weight column)
   * @param rows the number of rows
   * @throws IllegalArgumentException if the number of tokens is wrong
   */
  public void add(String[] tokens, int trueLabel, int predictedLabel, ExactSum weight, long rows) {
    Tally t = tally(new Cell(tokens(tokens), trueLabel, predictedLabel));
    if (weighted) {
      t.weight.add(weight);
    }
    t.rows += rows;
  }

  private Tally tally(Cell cell) {
    return cells.computeIfAbsent(cell, c -> new Tally(weighted));
  }

  /**
   * Adds rows of one joint cell of one cluster (for the clustered bootstrap); the rows must also be
   * added with {@link #add}.
   *
   * @param cluster the cluster id
   * @param tokens one token per attribute of the spec
   * @param trueLabel the true label code
   * @param predictedLabel the predicted label code
   * @param rows the number of rows
   * @throws IllegalStateException if the counts were started without clusters
   */
  public void addCluster(
      String cluster, String[] tokens, int trueLabel, int predictedLabel, long rows) {
    if (clusters == null) {
      throw new IllegalStateException("these counts were started without clusters");
    }
    clusters.computeIfAbsent(Objects.requireNonNull(cluster), c -> new HashMap<>())
            .computeIfAbsent(new Cell(tokens(tokens), trueLabel, predictedLabel), c -> new long[1])[
            0] +=
        rows;
  }

  private List<String> tokens(String[] tokens) {
    if (tokens.length != coder.attributeCount()) {
      throw new IllegalArgumentException(
          tokens.length + " tokens for " + coder.attributeCount() + " attributes");
    }
    return java.util.Arrays.asList(tokens.clone());
  }

  /**
   * Adds the counts of other rows to these.
   *
   * @param other counts of the same coder
   * @return this
   */
  public CellCounts merge(CellCounts other) {
    other.cells.forEach(
        (c, v) -> {
          Tally t = tally(c);
          if (weighted && v.weight != null) {
            t.weight.add(v.weight);
          }
          t.rows += v.rows;
        });
    if (clusters != null && other.clusters != null) {
      other.clusters.forEach(
          (id, m) ->
              m.forEach(
                  (c, r) ->
                      clusters.computeIfAbsent(id, x -> new HashMap<>())
                              .computeIfAbsent(c, x -> new long[1])[0] +=
                          r[0]));
    }
    return this;
  }

  /**
   * Returns the number of distinct joint cells so far.
   *
   * @return the count
   */
  public int cellCount() {
    return cells.size();
  }

  /**
   * Resolves classes, attribute levels and score classes as {@link PredictionTableCsv} does.
   *
   * @return the aggregated table
   * @throws IllegalArgumentException if there are no rows, a named label is not an integer (no
   *     declared classes), or the score columns do not fit the classes
   */
  public AggregatedTable finish() {
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("no data rows");
    }
    CsvTableSpec spec = coder.spec();
    ClassLabels classes = spec.classes();
    if (classes == null) {
      List<Integer> all = new ArrayList<>();
      for (Cell c : cells.keySet()) {
        all.add(c.trueLabel());
        all.add(c.predictedLabel());
      }
      List<String> named = new ArrayList<>(coder.scoreLabels());
      named.add(spec.positiveLabel());
      for (String label : named) {
        if (label != null) {
          try {
            all.add(Integer.parseInt(label.strip()));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                "label '" + label + "' is not an integer; declare the classes", e);
          }
        }
      }
      classes = ClassLabels.ofInts(all.stream().mapToInt(Integer::intValue).toArray());
    }
    List<String> scoreLabels = new ArrayList<>();
    List<String> labels = coder.scoreLabels();
    if (!labels.isEmpty() && labels.get(0) == null && labels.size() != classes.size()) {
      throw new IllegalArgumentException(
          labels.size()
              + " score columns "
              + coder.scoreColumns()
              + " for "
              + classes.size()
              + " classes "
              + classes
              + ": give one per class in class order, or LABEL=COL");
    }
    for (int s = 0; s < labels.size(); s++) {
      String label = labels.get(s) == null ? classes.label(s) : labels.get(s);
      if (classes.indexOf(label) < 0) {
        throw new IllegalArgumentException(
            "column '"
                + coder.scoreColumns().get(s)
                + "': scores belong to '"
                + label
                + "', which is not a class "
                + classes);
      }
      scoreLabels.add(label);
    }
    return new AggregatedTable(coder, classes, scoreLabels, cells, clusters);
  }
}
