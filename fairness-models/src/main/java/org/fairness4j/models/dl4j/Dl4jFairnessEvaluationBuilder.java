package org.fairness4j.models.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.MissingValuePolicy;
import org.fairness4j.core.table.csv.CsvTableSpec;

/**
 * Configures a {@link Dl4jFairnessEvaluation}: the sensitive attributes (categorical or binned, as
 * {@link CsvTableSpec.AttributeSpec}s), the missing-value policy, the feature sets, where the
 * values come from, the binary threshold and the core {@link FairnessEvaluator} that computes the
 * reports. Get one from {@link Dl4jFairnessEvaluation#builder}.
 */
public final class Dl4jFairnessEvaluationBuilder {

  private final ClassLabels classes;
  private final CsvTableSpec.Builder spec;
  private final List<String> names = new ArrayList<>();
  private final List<FeatureSet> featureSets = new ArrayList<>();
  private Dl4jAttributeSource source;
  private double threshold = 0.5;
  private FairnessEvaluator evaluator;

  Dl4jFairnessEvaluationBuilder(ClassLabels classes) {
    this.classes = Objects.requireNonNull(classes);
    // Only the classes, attributes and missing-value policy of the spec are used.
    this.spec = CsvTableSpec.builder("y_true", "y_pred").classes(classes);
  }

  /**
   * Declares a categorical attribute.
   *
   * @param name the attribute name
   * @return this builder
   */
  public Dl4jFairnessEvaluationBuilder attribute(String name) {
    return attribute(name, null);
  }

  /**
   * Declares a numeric attribute binned into groups.
   *
   * @param name the attribute name
   * @param binning the bins, or null for a categorical attribute
   * @return this builder
   */
  public Dl4jFairnessEvaluationBuilder attribute(String name, Binning binning) {
    return attribute(new CsvTableSpec.AttributeSpec(Objects.requireNonNull(name), binning));
  }

  /**
   * Declares an attribute as the CSV options give it ({@code CsvTableSpec.AttributeSpec.parse}).
   *
   * @param attribute the attribute
   * @return this builder
   * @throws IllegalArgumentException if the name is already declared
   * @throws NullPointerException if the attribute is null
   */
  public Dl4jFairnessEvaluationBuilder attribute(CsvTableSpec.AttributeSpec attribute) {
    Objects.requireNonNull(attribute, "attribute");
    if (names.contains(attribute.name())) {
      throw new IllegalArgumentException("duplicate attribute " + attribute.name());
    }
    names.add(attribute.name());
    spec.attribute(attribute);
    return this;
  }

  /**
   * Sets what happens to examples whose value is missing, not a number (binned) or out of range
   * (default: their own {@code <missing>} group).
   *
   * @param policy the policy
   * @return this builder
   */
  public Dl4jFairnessEvaluationBuilder missingValues(MissingValuePolicy policy) {
    spec.missingPolicy(Objects.requireNonNull(policy));
    return this;
  }

  /**
   * Adds a feature set to report; without any, each attribute alone and all intersected.
   *
   * @param features attributes to intersect
   * @return this builder
   */
  public Dl4jFairnessEvaluationBuilder featureSet(FeatureSet features) {
    featureSets.add(Objects.requireNonNull(features));
    return this;
  }

  /**
   * Reads attribute values from each example's DL4J metadata.
   *
   * @param source the reader
   * @return this builder
   */
  public Dl4jFairnessEvaluationBuilder attributesFrom(Dl4jAttributeSource source) {
    this.source = Objects.requireNonNull(source);
    return this;
  }

  /**
   * Sets the decision threshold of a single-column binary output (default 0.5).
   *
   * @param threshold the threshold
   * @return this builder
   */
  public Dl4jFairnessEvaluationBuilder binaryThreshold(double threshold) {
    this.threshold = threshold;
    return this;
  }

  /**
   * Sets the core evaluator that computes the reports (positive label, undefined policy); default
   * {@code FairnessEvaluator.builder().build()} (multiclass, NaN with a reason).
   *
   * @param evaluator the configured evaluator
   * @return this builder
   */
  public Dl4jFairnessEvaluationBuilder evaluator(FairnessEvaluator evaluator) {
    this.evaluator = Objects.requireNonNull(evaluator);
    return this;
  }

  /**
   * Builds the evaluation.
   *
   * @return an empty evaluation
   * @throws IllegalStateException without attributes
   * @throws IllegalArgumentException if a feature set uses an undeclared attribute or the positive
   *     label is not a class
   */
  public Dl4jFairnessEvaluation build() {
    if (names.isEmpty()) {
      throw new IllegalStateException("declare at least one sensitive attribute");
    }
    for (FeatureSet fs : featureSets) {
      if (!names.containsAll(fs.attributes())) {
        throw new IllegalArgumentException(
            "feature set " + fs + " uses attributes not declared in " + names);
      }
    }
    FairnessEvaluator fe = evaluator != null ? evaluator : FairnessEvaluator.builder().build();
    fe.positiveLabel().ifPresent(classes::require);
    return new Dl4jFairnessEvaluation(spec.build(), featureSets, source, threshold, fe);
  }
}
