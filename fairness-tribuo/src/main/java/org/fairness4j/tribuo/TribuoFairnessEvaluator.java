package org.fairness4j.tribuo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.table.PredictionTable;
import org.tribuo.DataSource;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.evaluation.Evaluator;
import org.tribuo.provenance.DataProvenance;
import org.tribuo.provenance.EvaluationProvenance;

/**
 * A Tribuo {@link Evaluator} that measures how a classification model treats groups: it reads the
 * sensitive attributes from each example's metadata, computes Fairness4J {@link GroupReport}s and
 * returns them as a {@link TribuoFairnessEvaluation} with Tribuo provenance. Use it next to
 * Tribuo's {@code LabelEvaluator}; both accept the same model and data. Immutable and thread-safe.
 *
 * <pre>{@code
 * TribuoFairnessEvaluator fairness = TribuoFairnessEvaluator.builder()
 *     .table(TribuoTableSpec.builder().categorical("sex").build())
 *     .evaluator(FairnessEvaluator.builder().positiveLabel("yes").build())
 *     .build();
 * TribuoFairnessEvaluation eval = fairness.evaluate(model, testData);
 * double eod = eval.report().fairness()
 *     .equalizedOddsDifference(DisparityMethod.BETWEEN_GROUPS, EqualizedOddsAggregation.WORST_CASE)
 *     .value();
 * }</pre>
 */
public final class TribuoFairnessEvaluator implements Evaluator<Label, TribuoFairnessEvaluation> {
  private final TribuoTableSpec spec;
  private final List<FeatureSet> featureSets;
  private final FairnessEvaluator evaluator;

  private TribuoFairnessEvaluator(Builder b, FairnessEvaluator evaluator) {
    this.spec = b.spec;
    this.featureSets =
        b.featureSets.isEmpty()
            ? FeatureSet.eachAndAll(b.spec.attributeNames())
            : List.copyOf(b.featureSets);
    this.evaluator = evaluator;
  }

  /**
   * Returns a builder.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the feature sets reported, in order.
   *
   * @return the feature sets
   */
  public List<FeatureSet> featureSets() {
    return featureSets;
  }

  @Override
  public TribuoFairnessEvaluation evaluate(Model<Label> model, Dataset<Label> dataset) {
    return evaluate(model, model.predict(dataset), dataset.getProvenance());
  }

  @Override
  public TribuoFairnessEvaluation evaluate(Model<Label> model, DataSource<Label> dataSource) {
    return evaluate(model, model.predict(dataSource), dataSource.getProvenance());
  }

  @Override
  public TribuoFairnessEvaluation evaluate(
      Model<Label> model, List<Prediction<Label>> predictions, DataProvenance dataProvenance) {
    PredictionTable table = spec.toTable(predictions, model.getOutputIDInfo());
    List<GroupReport> reports = evaluator.evaluate(table, featureSets);
    return new TribuoFairnessEvaluation(
        table,
        reports,
        predictions,
        new EvaluationProvenance(model.getProvenance(), dataProvenance));
  }

  /** Configures a {@link TribuoFairnessEvaluator}. */
  public static final class Builder {
    private TribuoTableSpec spec;
    private final List<FeatureSet> featureSets = new ArrayList<>();
    private FairnessEvaluator evaluator;

    private Builder() {}

    /**
     * Sets where the sensitive attributes come from (required).
     *
     * @param spec the table spec
     * @return this builder
     */
    public Builder table(TribuoTableSpec spec) {
      this.spec = Objects.requireNonNull(spec);
      return this;
    }

    /**
     * Adds a feature set to report. Without any, each attribute is reported alone and, when there
     * are several, all of them intersected.
     *
     * @param features the attributes to intersect
     * @return this builder
     */
    public Builder featureSet(FeatureSet features) {
      featureSets.add(Objects.requireNonNull(features));
      return this;
    }

    /**
     * Sets the core evaluator that computes the reports (positive label, undefined policy); default
     * {@code FairnessEvaluator.builder().build()}: multiclass, with a binary report per class, and
     * undefined values NaN with a reason.
     *
     * @param evaluator the configured evaluator
     * @return this builder
     */
    public Builder evaluator(FairnessEvaluator evaluator) {
      this.evaluator = Objects.requireNonNull(evaluator);
      return this;
    }

    /**
     * Builds the evaluator.
     *
     * @return the evaluator
     * @throws IllegalStateException if no table spec was set
     */
    public TribuoFairnessEvaluator build() {
      if (spec == null) {
        throw new IllegalStateException("set the table spec: which metadata keys are sensitive");
      }
      for (FeatureSet fs : featureSets) {
        for (String a : fs.attributes()) {
          if (!spec.attributeNames().contains(a)) {
            throw new IllegalArgumentException(
                "feature set " + fs.name() + " uses " + a + ", which the table spec does not read");
          }
        }
      }
      return new TribuoFairnessEvaluator(
          this, evaluator != null ? evaluator : FairnessEvaluator.builder().build());
    }
  }
}
