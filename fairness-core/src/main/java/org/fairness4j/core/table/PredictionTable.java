package org.fairness4j.core.table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, columnar table of classifier outputs: true class, predicted class, optional scores
 * (one column per class that has one), optional sample weights, and any number of sensitive
 * attributes. Class labels live in a {@link ClassLabels}; rows hold class indices.
 *
 * <p>Build one with {@link #builder()} or read one with {@link
 * org.fairness4j.core.table.csv.PredictionTableCsv}.
 */
public final class PredictionTable {
  private final TableColumns c;

  private PredictionTable(TableColumns columns) {
    this.c = columns;
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
    return new PredictionTable(c.select(rows));
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
    return new PredictionTable(c.withPredictions(predictedClasses));
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
    return c.yTrue().length;
  }

  /**
   * Returns the class labels.
   *
   * @return the labels
   */
  public ClassLabels classes() {
    return c.classes();
  }

  /**
   * Returns the true class index of a row.
   *
   * @param row the row
   * @return the class index
   */
  public int trueClass(int row) {
    return c.yTrue()[row];
  }

  /**
   * Returns the predicted class index of a row.
   *
   * @param row the row
   * @return the class index
   */
  public int predictedClass(int row) {
    return c.yPred()[row];
  }

  /**
   * Returns whether the table has sample weights.
   *
   * @return true if weighted
   */
  public boolean isWeighted() {
    return c.weights() != null;
  }

  /**
   * Returns the weight of a row (1 when the table has no weights).
   *
   * @param row the row
   * @return the weight
   */
  public double weight(int row) {
    return c.weights() == null ? 1.0 : c.weights()[row];
  }

  /**
   * Returns the labels of the classes that have a score column, in insertion order.
   *
   * @return an immutable list
   */
  public List<String> scoredClasses() {
    return List.copyOf(c.scores().keySet());
  }

  /**
   * Returns whether a class has a score column.
   *
   * @param classLabel a class label
   * @return true if it has scores
   */
  public boolean hasScores(String classLabel) {
    return c.scores().containsKey(classLabel);
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
    double[] s = c.scores().get(classLabel);
    if (s == null) {
      throw new IllegalArgumentException(
          "class '" + classLabel + "' has no score column; scored classes: " + c.scores().keySet());
    }
    return s;
  }

  /**
   * Returns the sensitive attributes in insertion order.
   *
   * @return an immutable list
   */
  public List<SensitiveAttribute> attributes() {
    return List.copyOf(c.attributes().values());
  }

  /**
   * Returns a sensitive attribute by name.
   *
   * @param name the attribute name
   * @return the attribute, or empty
   */
  public Optional<SensitiveAttribute> attribute(String name) {
    return Optional.ofNullable(c.attributes().get(name));
  }

  /**
   * Returns whether rows carry a cluster (subject) id, e.g. the patient of an image.
   *
   * @return true if clustered
   */
  public boolean isClustered() {
    return c.clusters() != null;
  }

  /**
   * Returns the cluster index of a row, in {@code [0, clusterCount())}.
   *
   * @param row the row
   * @return the cluster index
   * @throws IllegalStateException if the table has no clusters
   */
  public int cluster(int row) {
    if (c.clusters() == null) {
      throw new IllegalStateException("the table has no cluster (subject) column");
    }
    return c.clusters()[row];
  }

  /**
   * Returns the number of distinct clusters (0 without clusters).
   *
   * @return the count
   */
  public int clusterCount() {
    return c.clusterCount();
  }

  /**
   * Returns a sensitive attribute by name.
   *
   * @param name the attribute name
   * @return the attribute
   * @throws IllegalArgumentException naming the known attributes if there is none of that name
   */
  public SensitiveAttribute requireAttribute(String name) {
    SensitiveAttribute a = c.attributes().get(name);
    if (a == null) {
      throw new IllegalArgumentException(
          "no sensitive attribute '" + name + "'; the table has " + c.attributes().keySet());
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
    private LabelColumns labels;
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
      this.clusters = TableColumns.clusterIndices(ids);
      this.clusterCount = java.util.Arrays.stream(clusters).max().orElse(-1) + 1;
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
      this.labels = LabelColumns.indices(trueClasses, predictedClasses);
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
      this.labels = LabelColumns.ints(trueLabels, predictedLabels);
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
      this.labels = LabelColumns.texts(trueLabels, predictedLabels);
      return this;
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
      LabelColumns.Resolved r = LabelColumns.resolve(labels, classes);
      // Classes derived from the labels stay declared for a later build, as they always have.
      classes = r.classes();
      return new PredictionTable(
          new TableColumns(
                  classes,
                  r.trueClasses(),
                  r.predictedClasses(),
                  weights,
                  scores,
                  attributes,
                  clusters,
                  clusterCount)
              .checked());
    }
  }
}
