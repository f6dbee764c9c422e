package org.fairness4j.core.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, columnar table of classifier outputs: true class, predicted class, optional scores
 * (one column per class that has one), optional sample weights, and any number of sensitive
 * attributes. Class labels live in a {@link ClassLabels}; rows hold class indices.
 *
 * <p>Build one with {@link #builder()} or read one with {@link PredictionTableCsv}.
 */
public final class PredictionTable {
  private final ClassLabels classes;
  private final int[] yTrue;
  private final int[] yPred;
  private final double[] weights;
  private final Map<String, double[]> scores;
  private final Map<String, SensitiveAttribute> attributes;
  private final int[] clusters;
  private final int clusterCount;

  private PredictionTable(Builder b) {
    this.classes = b.classes;
    this.yTrue = b.yTrue;
    this.yPred = b.yPred;
    this.weights = b.weights;
    this.scores = Collections.unmodifiableMap(new LinkedHashMap<>(b.scores));
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
    this.clusters = b.clusters;
    this.clusterCount = b.clusterCount;
  }

  private PredictionTable(PredictionTable t, int[] rows) {
    this.classes = t.classes;
    this.yTrue = pick(t.yTrue, rows);
    this.yPred = pick(t.yPred, rows);
    this.weights = t.weights == null ? null : pick(t.weights, rows);
    Map<String, double[]> s = new LinkedHashMap<>();
    t.scores.forEach((k, v) -> s.put(k, pick(v, rows)));
    this.scores = Collections.unmodifiableMap(s);
    Map<String, SensitiveAttribute> a = new LinkedHashMap<>();
    t.attributes.forEach((k, v) -> a.put(k, v.select(rows)));
    this.attributes = Collections.unmodifiableMap(a);
    this.clusters = t.clusters == null ? null : pick(t.clusters, rows);
    this.clusterCount = t.clusterCount;
  }

  private static int[] pick(int[] v, int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = v[rows[i]];
    }
    return out;
  }

  private static double[] pick(double[] v, int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = v[rows[i]];
    }
    return out;
  }

  /**
   * Returns the table of the given rows, in that order; a row may appear several times (a bootstrap
   * resample). Labels, scores, weights, attributes and cluster ids follow their rows; class labels,
   * attribute levels and the cluster count stay those of this table.
   *
   * @param rows row indices into this table
   * @return the selected rows
   * @throws IndexOutOfBoundsException if an index is outside [0, rowCount())
   */
  public PredictionTable select(int[] rows) {
    int n = rowCount();
    for (int r : rows) {
      if (r < 0 || r >= n) {
        throw new IndexOutOfBoundsException("row " + r + " of a table of " + n + " rows");
      }
    }
    return new PredictionTable(this, rows.clone());
  }

  private PredictionTable(PredictionTable t, int[] yPred, boolean unused) {
    this.classes = t.classes;
    this.yTrue = t.yTrue;
    this.yPred = yPred;
    this.weights = t.weights;
    this.scores = t.scores;
    this.attributes = t.attributes;
    this.clusters = t.clusters;
    this.clusterCount = t.clusterCount;
  }

  /**
   * Returns this table with other predicted labels (e.g. after applying a decision threshold); true
   * labels, scores, weights, attributes and clusters are kept.
   *
   * @param predictedClasses one class index per row
   * @return the new table
   * @throws IllegalArgumentException if the length differs or an index is not a class
   */
  public PredictionTable withPredictions(int[] predictedClasses) {
    if (predictedClasses.length != rowCount()) {
      throw new IllegalArgumentException(
          predictedClasses.length + " predictions for a table of " + rowCount() + " rows");
    }
    for (int i = 0; i < predictedClasses.length; i++) {
      if (predictedClasses[i] < 0 || predictedClasses[i] >= classes.size()) {
        throw new IllegalArgumentException(
            "row " + i + ": predicted class index " + predictedClasses[i] + " is not a class");
      }
    }
    return new PredictionTable(this, predictedClasses.clone(), true);
  }

  /**
   * Returns a new builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the number of rows.
   *
   * @return the number of rows
   */
  public int rowCount() {
    return yTrue.length;
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
   * Returns the true class index of a row.
   *
   * @param row the row
   * @return the class index
   */
  public int trueClass(int row) {
    return yTrue[row];
  }

  /**
   * Returns the predicted class index of a row.
   *
   * @param row the row
   * @return the class index
   */
  public int predictedClass(int row) {
    return yPred[row];
  }

  /**
   * Returns whether the table has sample weights.
   *
   * @return true if weighted
   */
  public boolean isWeighted() {
    return weights != null;
  }

  /**
   * Returns the weight of a row (1 when the table has no weights).
   *
   * @param row the row
   * @return the weight
   */
  public double weight(int row) {
    return weights == null ? 1.0 : weights[row];
  }

  /**
   * Returns the labels of the classes that have a score column, in insertion order.
   *
   * @return an immutable list
   */
  public List<String> scoredClasses() {
    return List.copyOf(scores.keySet());
  }

  /**
   * Returns whether a class has a score column.
   *
   * @param classLabel a class label
   * @return true if it has scores
   */
  public boolean hasScores(String classLabel) {
    return scores.containsKey(classLabel);
  }

  /**
   * Returns the score of a class for a row.
   *
   * @param classLabel a class with scores
   * @param row the row
   * @return the score
   * @throws IllegalArgumentException if the class has no score column
   */
  public double score(String classLabel, int row) {
    return scoreColumn(classLabel)[row];
  }

  /**
   * Returns a copy of the score column of a class.
   *
   * @param classLabel a class with scores
   * @return a copy of its scores
   * @throws IllegalArgumentException if the class has no score column
   */
  public double[] scores(String classLabel) {
    return scoreColumn(classLabel).clone();
  }

  private double[] scoreColumn(String classLabel) {
    double[] s = scores.get(classLabel);
    if (s == null) {
      throw new IllegalArgumentException(
          "class '" + classLabel + "' has no score column; scored classes: " + scores.keySet());
    }
    return s;
  }

  /**
   * Returns the sensitive attributes in insertion order.
   *
   * @return an immutable list
   */
  public List<SensitiveAttribute> attributes() {
    return List.copyOf(attributes.values());
  }

  /**
   * Returns a sensitive attribute by name.
   *
   * @param name the attribute name
   * @return the attribute, or empty
   */
  public Optional<SensitiveAttribute> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /**
   * Returns whether rows carry a cluster (subject) id, e.g. the patient of an image.
   *
   * @return true if clustered
   */
  public boolean isClustered() {
    return clusters != null;
  }

  /**
   * Returns the cluster index of a row, in {@code [0, clusterCount())}.
   *
   * @param row the row
   * @return the cluster index
   * @throws IllegalStateException if the table has no clusters
   */
  public int cluster(int row) {
    if (clusters == null) {
      throw new IllegalStateException("the table has no cluster (subject) column");
    }
    return clusters[row];
  }

  /**
   * Returns the number of distinct clusters (0 without clusters).
   *
   * @return the count
   */
  public int clusterCount() {
    return clusterCount;
  }

  /**
   * Returns a sensitive attribute by name.
   *
   * @param name the attribute name
   * @return the attribute
   * @throws IllegalArgumentException naming the known attributes if there is none of that name
   */
  public SensitiveAttribute requireAttribute(String name) {
    SensitiveAttribute a = attributes.get(name);
    if (a == null) {
      throw new IllegalArgumentException(
          "no sensitive attribute '" + name + "'; the table has " + attributes.keySet());
    }
    return a;
  }

  /**
   * Builds a {@link PredictionTable}. Arrays are copied, so the caller may reuse them.
   *
   * <p>Labels are given either as class indices with an explicit {@link ClassLabels}, as integer
   * labels (classes are their distinct values, ordered numerically), or as strings (classes in the
   * order given by {@link #classes}, or sorted when none is given).
   */
  public static final class Builder {
    private ClassLabels classes;
    private int[] yTrue;
    private int[] yPred;
    private String[] yTrueText;
    private String[] yPredText;
    private int[] yTrueInt;
    private int[] yPredInt;
    private double[] weights;
    private final Map<String, double[]> scores = new LinkedHashMap<>();
    private final Map<String, SensitiveAttribute> attributes = new LinkedHashMap<>();
    private int[] clusters;
    private int clusterCount;

    private Builder() {}

    /**
     * Sets a cluster (subject) id per row, e.g. the patient of each image, so that resampling can
     * draw whole clusters.
     *
     * @param ids one id per row, not null
     * @return this builder
     */
    public Builder clusters(String[] ids) {
      Map<String, Integer> index = new java.util.HashMap<>();
      int[] c = new int[ids.length];
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] == null) {
          throw new IllegalArgumentException("row " + i + ": cluster id is missing");
        }
        c[i] = index.computeIfAbsent(ids[i], k -> index.size());
      }
      this.clusters = c;
      this.clusterCount = index.size();
      return this;
    }

    /**
     * Declares the class labels and their order.
     *
     * @param classes the labels
     * @return this builder
     */
    public Builder classes(ClassLabels classes) {
      this.classes = classes;
      return this;
    }

    /**
     * Sets true and predicted class indices into {@link #classes}.
     *
     * @param trueClasses class index per row
     * @param predictedClasses class index per row
     * @return this builder
     */
    public Builder classIndices(int[] trueClasses, int[] predictedClasses) {
      clearLabels();
      this.yTrue = trueClasses.clone();
      this.yPred = predictedClasses.clone();
      return this;
    }

    /**
     * Sets integer true and predicted labels; without declared classes, the classes are the
     * distinct values of both columns in numeric order.
     *
     * @param trueLabels label per row
     * @param predictedLabels label per row
     * @return this builder
     */
    public Builder labels(int[] trueLabels, int[] predictedLabels) {
      clearLabels();
      this.yTrueInt = trueLabels.clone();
      this.yPredInt = predictedLabels.clone();
      return this;
    }

    /**
     * Sets string true and predicted labels; without declared classes, the classes are the distinct
     * values of both columns, sorted.
     *
     * @param trueLabels label per row
     * @param predictedLabels label per row
     * @return this builder
     */
    public Builder labels(String[] trueLabels, String[] predictedLabels) {
      clearLabels();
      this.yTrueText = trueLabels.clone();
      this.yPredText = predictedLabels.clone();
      return this;
    }

    private void clearLabels() {
      yTrue = yPred = yTrueInt = yPredInt = null;
      yTrueText = yPredText = null;
    }

    /**
     * Sets the scores of one class (for a binary task: the probability of the positive label).
     *
     * @param classLabel the class the scores belong to
     * @param classScores one finite score per row
     * @return this builder
     */
    public Builder scores(String classLabel, double[] classScores) {
      scores.put(classLabel, classScores.clone());
      return this;
    }

    /**
     * Sets non-negative, finite sample weights.
     *
     * @param sampleWeights one weight per row
     * @return this builder
     */
    public Builder weights(double[] sampleWeights) {
      this.weights = sampleWeights.clone();
      return this;
    }

    /**
     * Adds a sensitive attribute.
     *
     * @param attribute the attribute
     * @return this builder
     */
    public Builder attribute(SensitiveAttribute attribute) {
      if (attributes.put(attribute.name(), attribute) != null) {
        throw new IllegalArgumentException("duplicate sensitive attribute " + attribute.name());
      }
      return this;
    }

    /**
     * Adds a categorical sensitive attribute; missing values form their own group.
     *
     * @param name attribute name
     * @param values one value per row
     * @return this builder
     */
    public Builder categorical(String name, String... values) {
      return attribute(SensitiveAttribute.categorical(name, values, MissingValuePolicy.OWN_GROUP));
    }

    /**
     * Adds a binned numeric sensitive attribute; missing values form their own group.
     *
     * @param name attribute name
     * @param values one value per row
     * @param binning the bins
     * @return this builder
     */
    public Builder binned(String name, double[] values, Binning binning) {
      return attribute(
          SensitiveAttribute.binned(name, values, binning, MissingValuePolicy.OWN_GROUP));
    }

    /**
     * Builds the table.
     *
     * @return the table
     * @throws IllegalArgumentException if columns differ in length, a label is not a class, a score
     *     is not finite, a weight is negative or not finite, or a scored class is unknown
     */
    public PredictionTable build() {
      resolveLabels();
      int n = yTrue.length;
      if (yPred.length != n) {
        throw new IllegalArgumentException(
            "true labels have " + n + " rows but predicted labels " + yPred.length);
      }
      int k = classes.size();
      for (int i = 0; i < n; i++) {
        if (yTrue[i] < 0 || yTrue[i] >= k || yPred[i] < 0 || yPred[i] >= k) {
          throw new IllegalArgumentException(
              "row " + i + ": class index out of range [0," + k + ")");
        }
      }
      if (weights != null) {
        checkLength("weights", weights.length, n);
        for (int i = 0; i < n; i++) {
          if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
            throw new IllegalArgumentException(
                "row " + i + ": weight " + weights[i] + " is not a finite non-negative number");
          }
        }
      }
      for (Map.Entry<String, double[]> e : scores.entrySet()) {
        classes.require(e.getKey());
        checkLength("scores of class " + e.getKey(), e.getValue().length, n);
        double[] s = e.getValue();
        for (int i = 0; i < n; i++) {
          if (!Double.isFinite(s[i])) {
            throw new IllegalArgumentException(
                "row " + i + ": score of class " + e.getKey() + " is " + s[i]);
          }
        }
      }
      for (SensitiveAttribute a : attributes.values()) {
        checkLength("attribute " + a.name(), a.size(), n);
      }
      if (clusters != null) {
        checkLength("clusters", clusters.length, n);
      }
      return new PredictionTable(this);
    }

    private static void checkLength(String what, int length, int n) {
      if (length != n) {
        throw new IllegalArgumentException(what + " has " + length + " rows, expected " + n);
      }
    }

    private void resolveLabels() {
      if (yTrueInt != null) {
        if (classes == null) {
          int[] all = new int[yTrueInt.length + yPredInt.length];
          System.arraycopy(yTrueInt, 0, all, 0, yTrueInt.length);
          System.arraycopy(yPredInt, 0, all, yTrueInt.length, yPredInt.length);
          classes = ClassLabels.ofInts(all);
        }
        yTrue = indicesOf(yTrueInt, "true");
        yPred = indicesOf(yPredInt, "predicted");
      } else if (yTrueText != null) {
        if (classes == null) {
          java.util.TreeSet<String> set = new java.util.TreeSet<>();
          Collections.addAll(set, yTrueText);
          Collections.addAll(set, yPredText);
          classes = ClassLabels.of(new ArrayList<>(set));
        }
        yTrue = indicesOf(yTrueText, "true");
        yPred = indicesOf(yPredText, "predicted");
      } else if (yTrue == null) {
        throw new IllegalStateException("labels are required");
      } else if (classes == null) {
        throw new IllegalStateException("class indices need declared classes()");
      }
    }

    private int[] indicesOf(int[] labels, String what) {
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      for (int v : labels) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      int[] out = new int[labels.length];
      if (labels.length == 0) {
        return out;
      }
      boolean dense = (long) max - min < 1 << 20;
      int[] table = dense ? new int[max - min + 1] : null;
      Map<Integer, Integer> sparse = dense ? null : new java.util.HashMap<>();
      if (dense) {
        for (int v = min; v <= max && v >= min; v++) {
          table[v - min] = classes.indexOf(Integer.toString(v));
          if (v == Integer.MAX_VALUE) {
            break;
          }
        }
      }
      for (int i = 0; i < labels.length; i++) {
        int v = labels[i];
        int c =
            dense
                ? table[v - min]
                : sparse.computeIfAbsent(v, x -> classes.indexOf(Integer.toString(x)));
        if (c < 0) {
          throw new IllegalArgumentException(
              "row " + i + ": " + what + " label " + v + " is not one of " + classes);
        }
        out[i] = c;
      }
      return out;
    }

    private int[] indicesOf(String[] labels, String what) {
      int[] out = new int[labels.length];
      for (int i = 0; i < labels.length; i++) {
        int c = classes.indexOf(labels[i]);
        if (c < 0) {
          throw new IllegalArgumentException(
              "row " + i + ": " + what + " label '" + labels[i] + "' is not one of " + classes);
        }
        out[i] = c;
      }
      return out;
    }
  }
}
