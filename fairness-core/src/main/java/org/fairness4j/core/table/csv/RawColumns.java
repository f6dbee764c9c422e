package org.fairness4j.core.table.csv;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.SensitiveAttribute;

/**
 * The columns of a CSV table as read, before classes and attributes are resolved: labels (raw
 * integers, or class indices when classes are declared), weights, scores and attribute text. Both
 * CSV parsers fill one; {@link #build} turns it into a {@link PredictionTable}.
 */
final class RawColumns {
  int n;
  int[] yTrue;
  int[] yPred;
  double[] weights;
  final double[][] scores;
  final String[][] attrs;

  RawColumns(int capacity, boolean weighted, int scoreColumns, int attributes) {
    yTrue = new int[capacity];
    yPred = new int[capacity];
    weights = weighted ? new double[capacity] : null;
    scores = new double[scoreColumns][capacity];
    attrs = new String[attributes][capacity];
  }

  /** Makes room for one more row. */
  void ensureRoom() {
    if (n < yTrue.length) {
      return;
    }
    int cap = Math.max(16, yTrue.length * 2);
    yTrue = Arrays.copyOf(yTrue, cap);
    yPred = Arrays.copyOf(yPred, cap);
    if (weights != null) {
      weights = Arrays.copyOf(weights, cap);
    }
    for (int s = 0; s < scores.length; s++) {
      scores[s] = Arrays.copyOf(scores[s], cap);
    }
    for (int a = 0; a < attrs.length; a++) {
      attrs[a] = Arrays.copyOf(attrs[a], cap);
    }
  }

  /** Concatenates parts in order. */
  static RawColumns concat(List<RawColumns> parts) {
    RawColumns first = parts.get(0);
    int total = parts.stream().mapToInt(p -> p.n).sum();
    RawColumns out =
        new RawColumns(total, first.weights != null, first.scores.length, first.attrs.length);
    for (RawColumns p : parts) {
      System.arraycopy(p.yTrue, 0, out.yTrue, out.n, p.n);
      System.arraycopy(p.yPred, 0, out.yPred, out.n, p.n);
      if (p.weights != null) {
        System.arraycopy(p.weights, 0, out.weights, out.n, p.n);
      }
      for (int s = 0; s < p.scores.length; s++) {
        System.arraycopy(p.scores[s], 0, out.scores[s], out.n, p.n);
      }
      for (int a = 0; a < p.attrs.length; a++) {
        System.arraycopy(p.attrs[a], 0, out.attrs[a], out.n, p.n);
      }
      out.n += p.n;
    }
    return out;
  }

  PredictionTable build(Path file, CsvTableSpec spec, ScoreBinding sb) throws TableFormatException {
    if (n == 0) {
      throw new TableFormatException(file, 0, null, "no data rows after the header");
    }
    PredictionTable.Builder b = PredictionTable.builder();
    int[] t = Arrays.copyOf(yTrue, n);
    int[] p = Arrays.copyOf(yPred, n);
    ClassLabels classes;
    if (spec.classes() != null) {
      classes = spec.classes();
      b.classes(classes).classIndices(t, p);
    } else {
      // The classes are the labels that occur, plus the positive label, so a table without
      // positives still has its positive class. A score label (LABEL=COL) must occur, be the
      // positive label, or be declared with the classes: otherwise a typo would invent a class.
      List<Integer> named = new java.util.ArrayList<>();
      for (String label : sb.labels()) {
        if (label != null) {
          integerLabel(file, label);
        }
      }
      if (spec.positiveLabel() != null) {
        named.add(integerLabel(file, spec.positiveLabel()));
      }
      int[] all = new int[2 * n + named.size()];
      System.arraycopy(t, 0, all, 0, n);
      System.arraycopy(p, 0, all, n, n);
      for (int k = 0; k < named.size(); k++) {
        all[2 * n + k] = named.get(k);
      }
      classes = ClassLabels.ofInts(all);
      b.classes(classes).labels(t, p);
      java.util.Set<Integer> occurring = new java.util.HashSet<>();
      for (int k = 0; k < 2 * n; k++) {
        occurring.add(all[k]);
      }
      if (spec.positiveLabel() != null) {
        occurring.add(integerLabel(file, spec.positiveLabel()));
      }
      for (int s = 0; s < sb.labels().size(); s++) {
        String label = sb.labels().get(s);
        if (label != null && !occurring.contains(integerLabel(file, label))) {
          throw new TableFormatException(
              file,
              0,
              sb.columns().get(s),
              "scores belong to label '"
                  + label
                  + "', which occurs in no row of the true or predicted labels "
                  + ClassLabels.ofInts(java.util.Arrays.copyOf(all, 2 * n))
                  + "; declare the classes to score a class absent from this table");
        }
      }
    }
    if (weights != null) {
      b.weights(Arrays.copyOf(weights, n));
    }
    List<String> labels = sb.labels();
    if (!labels.isEmpty() && labels.get(0) == null && labels.size() != classes.size()) {
      throw new TableFormatException(
          file,
          0,
          null,
          labels.size()
              + " score columns "
              + sb.columns()
              + " for "
              + classes.size()
              + " classes "
              + classes
              + ": give one per class in class order, or LABEL=COL");
    }
    for (int s = 0; s < scores.length; s++) {
      String label = labels.get(s) == null ? classes.label(s) : labels.get(s);
      if (classes.indexOf(label) < 0) {
        throw new TableFormatException(
            file,
            0,
            sb.columns().get(s),
            "scores belong to '" + label + "', which is not a class " + classes);
      }
      b.scores(label, Arrays.copyOf(scores[s], n));
    }
    if (spec.clusterColumn() != null) {
      String[] ids = Arrays.copyOf(attrs[attrs.length - 1], n);
      for (int i = 0; i < n; i++) {
        ids[i] = ids[i].strip();
        if (ids[i].isEmpty()) {
          throw new TableFormatException(
              file, 0, spec.clusterColumn(), "data row " + (i + 1) + " has no cluster id");
        }
      }
      b.clusters(ids);
    }
    for (int a = 0; a < spec.attributes().size(); a++) {
      CsvTableSpec.AttributeSpec as = spec.attributes().get(a);
      String[] values = Arrays.copyOf(attrs[a], n);
      SensitiveAttribute attr =
          as.binning() == null
              ? SensitiveAttribute.categorical(as.name(), values, spec.missingPolicy())
              : SensitiveAttribute.binned(as.name(), values, as.binning(), spec.missingPolicy());
      if (as.binning() != null && attr.unparseableRows() > 0) {
        refuseTextColumn(file, as.name(), values, attr);
      }
      b.attribute(attr);
    }
    return b.build();
  }

  /**
   * Refuses binning a column in which no value is a number (a text column such as sex): every row
   * would fall in the missing group. A few non-numbers among numbers are counted as unparseable.
   */
  private static void refuseTextColumn(
      Path file, String column, String[] values, SensitiveAttribute attr)
      throws TableFormatException {
    int numeric = attr.size() - attr.missingTokenRows() - attr.unparseableRows();
    if (numeric > 0) {
      return;
    }
    for (int i = 0; i < values.length; i++) {
      if (!SensitiveAttribute.isMissingToken(values[i])) {
        throw new TableFormatException(
            file, 0, column, textColumnRefusal("data row " + (i + 1) + ": '" + values[i] + "'"));
      }
    }
  }

  /**
   * Why a binned column without a single number is refused; shared with the aggregated engines
   * ({@link AttributeCoding}).
   *
   * @param example where the reader saw it (a row and its value, or a count of text values)
   */
  static String textColumnRefusal(String example) {
    return "bins= needs numbers, but no value of this column is a number ("
        + example
        + "); drop :bins= for a categorical attribute";
  }

  private static int integerLabel(Path file, String label) throws TableFormatException {
    try {
      return Integer.parseInt(label.strip());
    } catch (NumberFormatException e) {
      throw new TableFormatException(
          file, 0, null, "label '" + label + "' is not an integer; declare the classes");
    }
  }
}
