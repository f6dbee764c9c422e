package org.fairness4j.core.table.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.MissingValuePolicy;

/**
 * Which columns of a CSV file make a {@link org.fairness4j.core.table.PredictionTable}, and how to
 * read them. Immutable; build with {@link #builder(String, String)}.
 *
 * @param trueColumn column of true labels
 * @param predictedColumn column of predicted labels
 * @param scoreColumns score columns: {@code COL} or {@code LABEL=COL}. One plain column is the
 *     score of the positive label; several plain columns are the scores of the classes in class
 *     order
 * @param weightColumn column of sample weights, or null
 * @param clusterColumn column of cluster (subject, e.g. patient) ids, or null
 * @param attributes the sensitive attributes to read
 * @param classes the declared classes (labels may then be any text), or null for integer labels
 * @param positiveLabel the positive label a single plain score column belongs to, or null
 * @param missingPolicy what to do with missing sensitive values
 * @param delimiter the field separator
 * @serial exclude
 */
public record CsvTableSpec(
    String trueColumn,
    String predictedColumn,
    List<String> scoreColumns,
    String weightColumn,
    String clusterColumn,
    List<AttributeSpec> attributes,
    ClassLabels classes,
    String positiveLabel,
    MissingValuePolicy missingPolicy,
    char delimiter)
    implements java.io.Serializable {

  /**
   * Creates a spec.
   *
   * @param trueColumn column of true labels
   * @param predictedColumn column of predicted labels
   * @param scoreColumns score columns
   * @param weightColumn weight column or null
   * @param clusterColumn cluster id column or null
   * @param attributes attributes
   * @param classes declared classes or null
   * @param positiveLabel positive label or null
   * @param missingPolicy missing-value policy
   * @param delimiter field separator
   */
  public CsvTableSpec {
    Objects.requireNonNull(trueColumn, "trueColumn");
    Objects.requireNonNull(predictedColumn, "predictedColumn");
    scoreColumns = List.copyOf(scoreColumns);
    attributes = List.copyOf(attributes);
    Objects.requireNonNull(missingPolicy, "missingPolicy");
  }

  /**
   * A sensitive attribute read from a column, categorical or binned.
   *
   * @param name the attribute name (also the column name)
   * @param binning the bins of a numeric attribute, or null for a categorical one
   * @serial exclude
   */
  public record AttributeSpec(String name, Binning binning) implements java.io.Serializable {
    /**
     * Parses the command-line form {@code NAME} or {@code NAME:bins=E0,E1,...}. Only the last
     * {@code :bins=} separates the bins, so a column name may contain colons ({@code race:eth},
     * {@code race:eth:bins=0,1}).
     *
     * @param spec the text
     * @return the attribute spec
     * @throws IllegalArgumentException if the name is empty or the bins are malformed
     */
    public static AttributeSpec parse(String spec) {
      int colon = spec.lastIndexOf(":bins=");
      if (colon < 0) {
        if (spec.isEmpty()) {
          throw new IllegalArgumentException("empty attribute name");
        }
        return new AttributeSpec(spec, null);
      }
      String option = spec.substring(colon + 1);
      if (colon == 0) {
        throw new IllegalArgumentException("no attribute name before ':bins=' in '" + spec + "'");
      }
      try {
        return new AttributeSpec(spec.substring(0, colon), Binning.parse(option.substring(5)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + spec + "': " + e.getMessage(), e);
      }
    }
  }

  /**
   * Starts a spec.
   *
   * @param trueColumn column of true labels
   * @param predictedColumn column of predicted labels
   * @return a builder
   */
  public static Builder builder(String trueColumn, String predictedColumn) {
    return new Builder(trueColumn, predictedColumn);
  }

  /** Builds a {@link CsvTableSpec}. */
  public static final class Builder {
    private final String trueColumn;
    private final String predictedColumn;
    private final List<String> scores = new ArrayList<>();
    private String weight;
    private String cluster;
    private final List<AttributeSpec> attributes = new ArrayList<>();
    private ClassLabels classes;
    private String positive;
    private MissingValuePolicy policy = MissingValuePolicy.OWN_GROUP;
    private char delimiter = ',';

    private Builder(String trueColumn, String predictedColumn) {
      this.trueColumn = trueColumn;
      this.predictedColumn = predictedColumn;
    }

    /**
     * Adds a score column ({@code COL} or {@code LABEL=COL}).
     *
     * @param column the column
     * @return this builder
     */
    public Builder score(String column) {
      scores.add(column);
      return this;
    }

    /**
     * Sets the column of cluster (subject) ids, e.g. the patient of each image, for clustered
     * resampling.
     *
     * @param column the column
     * @return this builder
     */
    public Builder cluster(String column) {
      this.cluster = column;
      return this;
    }

    /**
     * Sets the weight column.
     *
     * @param column the column
     * @return this builder
     */
    public Builder weight(String column) {
      this.weight = column;
      return this;
    }

    /**
     * Adds a categorical attribute read from the column of the same name.
     *
     * @param name the column
     * @return this builder
     */
    public Builder categorical(String name) {
      attributes.add(new AttributeSpec(name, null));
      return this;
    }

    /**
     * Adds a binned numeric attribute read from the column of the same name.
     *
     * @param name the column
     * @param binning the bins
     * @return this builder
     */
    public Builder binned(String name, Binning binning) {
      attributes.add(new AttributeSpec(name, binning));
      return this;
    }

    /**
     * Adds an attribute.
     *
     * @param spec the attribute spec
     * @return this builder
     */
    public Builder attribute(AttributeSpec spec) {
      attributes.add(spec);
      return this;
    }

    /**
     * Declares the classes; labels must then be one of them (any text).
     *
     * @param classes the classes
     * @return this builder
     */
    public Builder classes(ClassLabels classes) {
      this.classes = classes;
      return this;
    }

    /**
     * Sets the positive label a single plain score column belongs to.
     *
     * @param label the label
     * @return this builder
     */
    public Builder positiveLabel(String label) {
      this.positive = label;
      return this;
    }

    /**
     * Sets the missing-value policy of every attribute (default {@link
     * MissingValuePolicy#OWN_GROUP}).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder missingPolicy(MissingValuePolicy policy) {
      this.policy = policy;
      return this;
    }

    /**
     * Sets the field separator (default comma).
     *
     * @param delimiter the separator
     * @return this builder
     */
    public Builder delimiter(char delimiter) {
      this.delimiter = delimiter;
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the spec
     */
    public CsvTableSpec build() {
      return new CsvTableSpec(
          trueColumn,
          predictedColumn,
          scores,
          weight,
          cluster,
          attributes,
          classes,
          positive,
          policy,
          delimiter);
    }
  }
}
