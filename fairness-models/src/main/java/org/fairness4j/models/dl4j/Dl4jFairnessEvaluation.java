package org.fairness4j.models.dl4j;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportNumbers;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.group.GroupedStatistics;
import org.fairness4j.core.metrics.ConfusionStatistics;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.report.format.ReportFormat;
import org.fairness4j.core.report.format.ReportWriter;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.csv.CellCounts;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.TableCoder;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.IMetric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A DL4J {@link IEvaluation} that gathers group-conditional confusion statistics batch by batch, so
 * a fairness report never needs all predictions in memory. Use it where DL4J's {@code Evaluation}
 * goes ({@code network.doEvaluation(iterator, fairness)} with an iterator that collects metadata),
 * or feed it yourself with {@link #eval(INDArray, INDArray, List)} or {@link #evalGroups}.
 * Mergeable across workers with {@link #merge}. Not thread-safe (like DL4J's evaluations).
 *
 * <pre>{@code
 * Dl4jFairnessEvaluation fairness = Dl4jFairnessEvaluation.builder(ClassLabels.of("no", "yes"))
 *     .attribute("sex").attribute("age", Binning.parse("0,60,100"))
 *     .attributesFrom(meta -> lookup((RecordMetaData) meta))
 *     .build();
 * Dl4jFairnessEvaluation.evaluate(testIterator, net::output, fairness);
 * GroupReport report = fairness.report(FeatureSet.of("sex", "age"));
 * }</pre>
 *
 * <p>Rows: the true class is the argmax of a one-hot label row, the predicted class the argmax of
 * the output row; with one column and two classes (a sigmoid output) a value at or above the
 * decision threshold (0.5 by default) is class 1. Rows whose per-example mask is 0 are skipped.
 * Scores are not kept, so reports have no ROC AUC. The raw attribute values are read by the core's
 * {@link TableCoder} and counted in the core's {@link CellCounts}, with the CSV reader's rules: a
 * missing value, or a binned value that is not a number or below the first edge, forms the {@code
 * <missing>} group (or is dropped, {@link Dl4jFairnessEvaluationBuilder#missingValues}), and the
 * groups and counts are those {@code PredictionTableCsv} gives for the same values. The metrics are
 * computed by the configured core {@link FairnessEvaluator} ({@link
 * Dl4jFairnessEvaluationBuilder#evaluator}).
 *
 * <p>Java serialization (which {@code IEvaluation} inherits) is not supported: to combine results
 * computed in other processes, send their {@link #statistics(FeatureSet)} and merge those.
 */
public final class Dl4jFairnessEvaluation implements IEvaluation<Dl4jFairnessEvaluation> {
  private static final long serialVersionUID = 1L;

  /** The classes, in output-column order. */
  private final ClassLabels classes;

  /** The table spec: classes, attributes and the missing-value policy (no columns are read). */
  private final CsvTableSpec spec;

  /** Reads the raw attribute values. */
  private final TableCoder coder;

  /** The feature sets reported. */
  private final List<FeatureSet> featureSets;

  /** Where each example's attribute values come from. */
  private final Dl4jAttributeSource source;

  /** The decision threshold of a binary positive label. */
  private final double threshold;

  /** Computes the reports. */
  private final FairnessEvaluator evaluator;

  /** The joint cells counted so far (attribute tokens × true × predicted class). */
  private CellCounts counts;

  Dl4jFairnessEvaluation(
      CsvTableSpec spec,
      List<FeatureSet> featureSets,
      Dl4jAttributeSource source,
      double threshold,
      FairnessEvaluator evaluator) {
    this.classes = spec.classes();
    this.spec = spec;
    this.coder = TableCoder.of(spec);
    List<String> names = spec.attributes().stream().map(CsvTableSpec.AttributeSpec::name).toList();
    this.featureSets =
        featureSets.isEmpty() ? FeatureSet.eachAndAll(names) : List.copyOf(featureSets);
    this.source = source;
    this.threshold = threshold;
    this.evaluator = evaluator;
    reset();
  }

  /**
   * Returns a builder for these classes (in the order of the network's output columns).
   *
   * @param classes the class labels
   * @return a builder
   */
  public static Dl4jFairnessEvaluationBuilder builder(ClassLabels classes) {
    return new Dl4jFairnessEvaluationBuilder(classes);
  }

  /**
   * Runs the whole iterator through a model and adds every batch to the evaluation, using each
   * batch's example metadata for the groups. Resets the iterator first if it can be reset.
   *
   * @param iterator batches with labels and example metadata
   * @param model the network's forward pass, e.g. {@code net::output}
   * @param evaluation where the statistics go
   * @return the evaluation
   * @throws IllegalArgumentException if a batch has no example metadata
   */
  public static Dl4jFairnessEvaluation evaluate(
      DataSetIterator iterator,
      java.util.function.Function<INDArray, INDArray> model,
      Dl4jFairnessEvaluation evaluation) {
    Dl4jBatch.feed(iterator, model, evaluation);
    return evaluation;
  }

  /**
   * Returns the feature sets reported.
   *
   * @return the feature sets
   */
  public List<FeatureSet> featureSets() {
    return featureSets;
  }

  /**
   * Not supported: a fairness evaluation needs each example's groups.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void eval(INDArray labels, INDArray networkPredictions) {
    throw new UnsupportedOperationException(
        "a fairness evaluation needs each example's sensitive attributes: pass the example"
            + " metadata (eval(labels, predictions, metadata)) or the values (evalGroups)");
  }

  @Override
  public void eval(
      INDArray labels, INDArray networkPredictions, List<? extends Serializable> recordMetaData) {
    eval(labels, networkPredictions, null, recordMetaData);
  }

  @Override
  public void eval(INDArray labels, INDArray networkPredictions, INDArray maskArray) {
    eval(labels, networkPredictions);
  }

  @Override
  public void eval(
      INDArray labels,
      INDArray networkPredictions,
      INDArray maskArray,
      List<? extends Serializable> recordMetaData) {
    if (source == null) {
      throw new IllegalStateException(
          "no attribute source: set Dl4jFairnessEvaluationBuilder.attributesFrom to read"
              + " groups from example metadata");
    }
    if (recordMetaData == null) {
      eval(labels, networkPredictions);
    }
    List<String[]> values = Dl4jBatch.values(source, recordMetaData);
    evalGroups(labels, networkPredictions, maskArray, values);
  }

  /**
   * Adds a batch whose sensitive-attribute values are given directly.
   *
   * @param labels one-hot labels [n, classes] (or [n, 1] for two classes)
   * @param networkPredictions outputs [n, classes] (or [n, 1] for two classes)
   * @param maskArray per-example mask [n] or [n, 1], or null
   * @param attributeValues per example, the values of the declared attributes in order
   * @throws IllegalArgumentException if shapes or value counts disagree
   */
  public void evalGroups(
      INDArray labels,
      INDArray networkPredictions,
      INDArray maskArray,
      List<String[]> attributeValues) {
    int n = Dl4jBatch.size(labels, networkPredictions, attributeValues.size());
    int[] yTrue = Dl4jBatch.classes(labels, classes, threshold, "labels");
    int[] yPred = Dl4jBatch.classes(networkPredictions, classes, threshold, "predictions");
    double[] mask = maskArray == null ? null : maskArray.reshape(-1).toDoubleVector();
    for (int i = 0; i < n; i++) {
      if (mask == null || mask[i] != 0) {
        counts.add(Dl4jBatch.tokens(coder, attributeValues.get(i), i), yTrue[i], yPred[i], 1.0, 1);
      }
    }
  }

  /**
   * Returns the statistics gathered so far for a feature set, with its groups (every combination of
   * the levels seen, as the in-memory table has them), dropped rows and attribute summaries.
   *
   * @param features one of {@link #featureSets()}
   * @return the statistics
   * @throws IllegalStateException if nothing was added yet
   */
  public GroupedStatistics groupedStatistics(FeatureSet features) {
    indexOf(features);
    if (counts.cellCount() == 0) {
      throw new IllegalStateException("no examples evaluated yet");
    }
    return counts.finish().statistics(features);
  }

  /**
   * Returns the confusion statistics gathered so far for a feature set.
   *
   * @param features one of {@link #featureSets()}
   * @return the statistics, groups in {@link #groups(FeatureSet)} order
   * @throws IllegalStateException if nothing was added yet
   */
  public ConfusionStatistics statistics(FeatureSet features) {
    return groupedStatistics(features).statistics();
  }

  /**
   * Returns the groups of a feature set, in the core's order (levels sorted, bins in bin order,
   * {@code <missing>} last).
   *
   * @param features one of {@link #featureSets()}
   * @return the group keys
   * @throws IllegalStateException if nothing was added yet
   */
  public List<GroupKey> groups(FeatureSet features) {
    return groupedStatistics(features).keys();
  }

  /**
   * Returns the report of a feature set over everything added so far.
   *
   * @param features one of {@link #featureSets()}
   * @return the report
   * @throws IllegalStateException if nothing was added yet
   */
  public GroupReport report(FeatureSet features) {
    return evaluator.evaluate(groupedStatistics(features), Map.of());
  }

  /**
   * Returns the reports of all feature sets.
   *
   * @return the reports, in {@link #featureSets()} order
   */
  public List<GroupReport> reports() {
    return featureSets.stream().map(this::report).toList();
  }

  private int indexOf(FeatureSet fs) {
    int i = featureSets.indexOf(fs);
    if (i < 0) {
      throw new IllegalArgumentException(
          "feature set " + fs + " is not evaluated; have " + featureSets);
    }
    return i;
  }

  @Override
  public void evalTimeSeries(INDArray labels, INDArray predicted) {
    throw new UnsupportedOperationException("time series are not supported");
  }

  @Override
  public void evalTimeSeries(INDArray labels, INDArray predicted, INDArray labelsMaskArray) {
    throw new UnsupportedOperationException("time series are not supported");
  }

  /**
   * Adds another evaluation's statistics (same classes, attributes, bins and feature sets).
   *
   * @param other the other evaluation
   * @throws IllegalArgumentException if the configurations differ
   */
  @Override
  public void merge(Dl4jFairnessEvaluation other) {
    if (!classes.equals(other.classes)
        || !Dl4jBatch.sameAttributes(spec, other.spec)
        || !featureSets.equals(other.featureSets)) {
      throw new IllegalArgumentException("cannot merge evaluations of different configurations");
    }
    counts.merge(other.counts);
  }

  @Override
  public void reset() {
    counts = new CellCounts(coder, false);
  }

  /** Returns the reports as Markdown tables. */
  @Override
  public String stats() {
    return write(ReportFormat.MARKDOWN);
  }

  /** Returns the reports in Fairness4J's JSON report format (docs/report-format.md). */
  @Override
  public String toJson() {
    return write(ReportFormat.JSON);
  }

  /** Returns the JSON of {@link #toJson()}, which is also valid YAML 1.2. */
  @Override
  public String toYaml() {
    return toJson();
  }

  private String write(ReportFormat format) {
    StringWriter out = new StringWriter();
    try {
      ReportWriter.write(reports(), format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Returns DL4J's {@code Evaluation.Metric.ACCURACY} (overall) or a {@link Dl4jFairnessMetric} (on
   * the first feature set).
   *
   * @param metric the metric
   * @return the value, NaN when undefined
   * @throws UnsupportedOperationException for other metrics
   */
  @Override
  public double getValue(IMetric metric) {
    GroupReport r = report(featureSets.get(0));
    if (metric == org.nd4j.evaluation.classification.Evaluation.Metric.ACCURACY) {
      return r.overall().value(Metric.ACCURACY);
    }
    if (metric instanceof Dl4jFairnessMetric f) {
      return switch (f) {
        case WORST_GROUP_ACCURACY -> r.groupMin(Metric.ACCURACY).value();
        case EQUALIZED_ODDS_DIFFERENCE -> equalizedOdds(r, f.statistic(true).orElseThrow());
        default -> ReportNumbers.of(r).get(f.statistic(r.isBinary()).orElseThrow());
      };
    }
    throw new UnsupportedOperationException(
        "metric " + metric + " is not provided; read it from report(featureSet)");
  }

  private static double equalizedOdds(GroupReport r, ReportStatisticId id) {
    List<GroupReport> binary = r.isBinary() ? List.of(r) : List.copyOf(r.perClass().values());
    double sum = 0;
    for (GroupReport b : binary) {
      sum += b.fairness().byId().get(id).value();
    }
    return sum / binary.size();
  }

  /** Returns an empty evaluation with the same configuration. */
  @Override
  public Dl4jFairnessEvaluation newInstance() {
    return new Dl4jFairnessEvaluation(spec, featureSets, source, threshold, evaluator);
  }

  @Override
  public String toString() {
    return "Dl4jFairnessEvaluation{classes="
        + classes
        + ", feature sets="
        + featureSets
        + ", joint cells seen="
        + counts.cellCount()
        + "}";
  }
}
