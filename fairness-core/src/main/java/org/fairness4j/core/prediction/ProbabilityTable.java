package org.fairness4j.core.prediction;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;

/**
 * What a classifier predicted for a data set: per row its id, its true class (where known), the
 * class probabilities and, where the model gave them, the raw outputs (logits) they are the softmax
 * of, plus extra text columns carried along (e.g. sex, age, patient id). The predicted class is not
 * stored: it is always {@link #argmax} of the probabilities. {@link ProbabilityTableCsv} writes and
 * reads it; {@link #evaluationTable()} starts the {@link PredictionTable} the metrics read.
 * Immutable.
 *
 * <p>Values are kept as the model gave them, not checked: a NaN or infinite probability or logit
 * (e.g. of a diverged model) is stored, written and read back as such, and the predicted class of
 * such a row follows {@link #argmax}'s NaN rule. Readers that need finite values check them (as
 * {@code paper-metrics} does).
 */
public final class ProbabilityTable {
  private final List<String> ids;
  private final int[] trueClasses;
  private final float[][] probabilities;
  private final float[][] logits;
  private final ClassLabels classes;
  private final Map<String, String[]> columns;

  private ProbabilityTable(
      List<String> ids,
      int[] trueClasses,
      float[][] probabilities,
      float[][] logits,
      ClassLabels classes,
      Map<String, String[]> columns) {
    this.ids = ids;
    this.trueClasses = trueClasses;
    this.probabilities = probabilities;
    this.logits = logits;
    this.classes = classes;
    this.columns = columns;
  }

  /**
   * Creates a table from probabilities and, optionally, the logits they are the softmax of.
   *
   * @param ids one id per row (e.g. the image file name)
   * @param trueClasses true class index per row, or null where the truth is unknown
   * @param probabilities [rows][classes]
   * @param logits [rows][classes], or null when not kept
   * @param classes class labels, in column order
   * @return the table (the arrays are copied)
   * @throws IllegalArgumentException if the sizes disagree or a true class is not a class index
   * @throws NullPointerException if ids, an id, probabilities, a row or classes is null
   */
  public static ProbabilityTable of(
      List<String> ids,
      int[] trueClasses,
      float[][] probabilities,
      float[][] logits,
      ClassLabels classes) {
    Objects.requireNonNull(classes, "classes");
    Objects.requireNonNull(ids, "ids");
    int n = Objects.requireNonNull(probabilities, "probabilities").length;
    if (ids.size() != n) {
      throw new IllegalArgumentException(n + " rows of probabilities but " + ids.size() + " ids");
    }
    if (trueClasses != null) {
      if (trueClasses.length != n) {
        throw new IllegalArgumentException(
            n + " rows of probabilities but " + trueClasses.length + " true classes");
      }
      for (int i = 0; i < n; i++) {
        if (trueClasses[i] < 0 || trueClasses[i] >= classes.size()) {
          throw new IllegalArgumentException(
              "row " + i + ": true class " + trueClasses[i] + " is not one of " + classes);
        }
      }
    }
    if (logits != null && logits.length != n) {
      throw new IllegalArgumentException(
          logits.length + " rows of logits for " + n + " of probabilities");
    }
    return new ProbabilityTable(
        List.copyOf(ids),
        trueClasses == null ? null : trueClasses.clone(),
        copy(probabilities, classes, "probabilities"),
        logits == null ? null : copy(logits, classes, "logits"),
        classes,
        Map.of());
  }

  private static float[][] copy(float[][] m, ClassLabels classes, String what) {
    float[][] copy = new float[m.length][];
    for (int i = 0; i < copy.length; i++) {
      if (m[i].length != classes.size()) {
        throw new IllegalArgumentException(
            "row " + i + ": " + m[i].length + " " + what + " for " + classes.size() + " classes");
      }
      copy[i] = m[i].clone();
    }
    return copy;
  }

  /**
   * The one argmax rule of the project: the index of the largest value, the first on ties. Values
   * are compared with {@code >}, which is false for NaN: a NaN after the first value is never
   * chosen, and a NaN first value is kept (so a row of NaN gives 0). A softmax of finite logits has
   * no NaN.
   *
   * @param values one row of probabilities or logits
   * @return the index of its largest value
   * @throws IllegalArgumentException if the row is empty
   */
  public static int argmax(float[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("argmax of an empty row");
    }
    int best = 0;
    for (int c = 1; c < values.length; c++) {
      if (values[c] > values[best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * Returns this table with extra text columns appended after the existing ones (written after the
   * probabilities and logits, in map order).
   *
   * @param extra column name to one value per row (null values are written empty)
   * @return a new table
   * @throws IllegalArgumentException if a column has another length or its name is taken
   * @throws NullPointerException if the map, a name or a column array is null
   */
  public ProbabilityTable withColumns(Map<String, String[]> extra) {
    Map<String, String[]> all = new LinkedHashMap<>(columns);
    for (Map.Entry<String, String[]> e : extra.entrySet()) {
      Objects.requireNonNull(e.getKey(), "column name");
      if (e.getValue().length != size()) {
        throw new IllegalArgumentException(
            "column '"
                + e.getKey()
                + "' has "
                + e.getValue().length
                + " values for "
                + size()
                + " rows");
      }
      if (all.put(e.getKey(), e.getValue().clone()) != null) {
        throw new IllegalArgumentException("column '" + e.getKey() + "' is given twice");
      }
    }
    return new ProbabilityTable(
        ids, trueClasses, probabilities, logits, classes, Collections.unmodifiableMap(all));
  }

  /**
   * Returns the number of rows.
   *
   * @return the size
   */
  public int size() {
    return probabilities.length;
  }

  /**
   * Returns a row's id.
   *
   * @param row the row
   * @return its id
   */
  public String id(int row) {
    return ids.get(row);
  }

  /**
   * Returns the row ids, in row order.
   *
   * @return an immutable list
   */
  public List<String> ids() {
    return ids;
  }

  /**
   * Whether the true classes are known.
   *
   * @return true if {@link #trueClass} can be called
   */
  public boolean hasTrueClasses() {
    return trueClasses != null;
  }

  /**
   * Returns a row's true class index.
   *
   * @param row the row
   * @return the class
   * @throws IllegalStateException if the true classes are unknown ({@link #hasTrueClasses})
   */
  public int trueClass(int row) {
    if (trueClasses == null) {
      throw new IllegalStateException("this table has no true classes");
    }
    return trueClasses[row];
  }

  /**
   * Returns the predicted class: {@link #argmax} of the row's probabilities.
   *
   * @param row the row
   * @return the class
   */
  public int predictedClass(int row) {
    return argmax(probabilities[row]);
  }

  /**
   * Returns a class probability.
   *
   * @param row the row
   * @param c the class
   * @return the probability, as the model gave it (NaN if it gave NaN)
   * @throws IndexOutOfBoundsException if row or class is out of range
   */
  public double probability(int row, int c) {
    return probabilities[row][c];
  }

  /**
   * Whether the raw outputs (logits) were kept.
   *
   * @return true if {@link #logit} can be called
   */
  public boolean hasLogits() {
    return logits != null;
  }

  /**
   * Returns a raw model output (logit).
   *
   * @param row the row
   * @param c the class
   * @return the logit, as the model gave it
   * @throws IndexOutOfBoundsException if row or class is out of range
   * @throws IllegalStateException if the logits were not kept ({@link #hasLogits})
   */
  public double logit(int row, int c) {
    if (logits == null) {
      throw new IllegalStateException("this table keeps no logits");
    }
    return logits[row][c];
  }

  /**
   * Returns the class labels, in probability-column order.
   *
   * @return the classes
   */
  public ClassLabels classes() {
    return classes;
  }

  /**
   * Returns the names of the extra columns, in order.
   *
   * @return an immutable list
   */
  public List<String> columnNames() {
    return List.copyOf(columns.keySet());
  }

  /**
   * Returns an extra column.
   *
   * @param name one of {@link #columnNames()}
   * @return its values, in row order (an unmodifiable view; null values allowed)
   * @throws IllegalArgumentException if there is no such column
   */
  public List<String> column(String name) {
    String[] v = columns.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no column '" + name + "'; have " + columns.keySet());
    }
    return Collections.unmodifiableList(Arrays.asList(v));
  }

  /**
   * Returns the accuracy: the share of rows whose predicted class is the true one; NaN for an empty
   * table (no rows, nothing to be right about).
   *
   * @return the accuracy
   * @throws IllegalStateException if the true classes are unknown
   */
  public double accuracy() {
    int ok = 0;
    for (int i = 0; i < size(); i++) {
      ok += predictedClass(i) == trueClass(i) ? 1 : 0;
    }
    return size() == 0 ? Double.NaN : (double) ok / size();
  }

  /**
   * Starts the prediction table the metrics read: the true classes, the predicted classes (the
   * argmax) and one score column per class (its probability); add the sensitive attributes and
   * build it.
   *
   * @return the builder
   * @throws IllegalStateException if the true classes are unknown
   */
  public PredictionTable.Builder evaluationTable() {
    if (trueClasses == null) {
      throw new IllegalStateException("this table has no true classes to evaluate against");
    }
    int n = size();
    int[] pred = new int[n];
    for (int i = 0; i < n; i++) {
      pred[i] = predictedClass(i);
    }
    PredictionTable.Builder b =
        PredictionTable.builder().classes(classes).classIndices(trueClasses, pred);
    for (int c = 0; c < classes.size(); c++) {
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = probabilities[i][c];
      }
      b.scores(classes.label(c), s);
    }
    return b;
  }
}
