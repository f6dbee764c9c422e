package org.fairness4j.models.dl4j;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportNumbers;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.io.ReportFormat;
import org.fairness4j.core.io.ReportWriter;
import org.fairness4j.core.metrics.ConfusionStatistics;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.UndefinedPolicy;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.SensitiveAttribute;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.IMetric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
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
 * Scores are not kept, so reports have no ROC AUC. A missing attribute value forms the {@code
 * <missing>} group; a binned attribute's value outside every bin does too, and a value that is not
 * a number is an {@link IllegalArgumentException} naming the attribute and value.
 *
 * <p>Java serialization (which {@code IEvaluation} inherits) is not supported: to combine results
 * computed in other processes, send their {@link #statistics(FeatureSet)} and merge those.
 */
public final class Dl4jFairnessEvaluation implements IEvaluation<Dl4jFairnessEvaluation> {
  private static final long serialVersionUID = 1L;

  /** The classes, in output-column order. */
  private final ClassLabels classes;

  /** The sensitive attributes' names. */
  private final List<String> attributes;

  /** Per attribute, its binning or null for a categorical one. */
  private final List<Binning> binnings;

  /** The feature sets reported. */
  private final List<FeatureSet> featureSets;

  /** Where each example's attribute values come from. */
  private final Dl4jAttributeSource source;

  /** The decision threshold of a binary positive label. */
  private final double threshold;

  /** The positive label, or null for a multiclass report. */
  private final String positiveLabel;

  /** How undefined rates are reported. */
  private final UndefinedPolicy policy;

  /** Per feature set: level tuple → k×k cells followed by the row count. */
  private final List<Map<List<String>, double[]>> counts;

  private Dl4jFairnessEvaluation(Builder b) {
    this.classes = b.classes;
    this.attributes = List.copyOf(b.attributes);
    this.binnings = new ArrayList<>(b.binnings);
    this.featureSets =
        b.featureSets.isEmpty() ? defaultSets(attributes) : List.copyOf(b.featureSets);
    this.source = b.source;
    this.threshold = b.threshold;
    this.positiveLabel = b.positiveLabel;
    this.policy = b.policy;
    this.counts = new ArrayList<>();
    reset();
  }

  private static List<FeatureSet> defaultSets(List<String> attributes) {
    List<FeatureSet> sets = new ArrayList<>();
    attributes.forEach(a -> sets.add(FeatureSet.of(a)));
    if (attributes.size() > 1) {
      sets.add(new FeatureSet(attributes));
    }
    return List.copyOf(sets);
  }

  /**
   * Returns a builder for these classes (in the order of the network's output columns).
   *
   * @param classes the class labels
   * @return a builder
   */
  public static Builder builder(ClassLabels classes) {
    return new Builder(classes);
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
    if (iterator.resetSupported()) {
      iterator.reset();
    }
    int batch = 0;
    while (iterator.hasNext()) {
      DataSet ds = iterator.next();
      List<Serializable> meta = ds.getExampleMetaData();
      if (meta == null || meta.isEmpty()) {
        throw new IllegalArgumentException(
            "batch "
                + batch
                + " has no example metadata: make the iterator collect it (e.g."
                + " RecordReaderDataSetIterator.setCollectMetaData(true))");
      }
      evaluation.eval(ds.getLabels(), model.apply(ds.getFeatures()), ds.getLabelsMaskArray(), meta);
      batch++;
    }
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
          "no attribute source: set Builder.attributesFrom to read groups from example metadata");
    }
    if (recordMetaData == null) {
      eval(labels, networkPredictions);
    }
    List<String[]> values = new ArrayList<>(recordMetaData.size());
    for (int i = 0; i < recordMetaData.size(); i++) {
      Serializable m = recordMetaData.get(i);
      if (m == null) {
        throw new IllegalArgumentException("example " + i + " of the batch has no metadata");
      }
      values.add(source.values(m));
    }
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
    if (labels.rank() != 2 || networkPredictions.rank() != 2) {
      throw new IllegalArgumentException(
          "expected rank-2 labels and predictions; time series are not supported");
    }
    int n = (int) labels.size(0);
    if (networkPredictions.size(0) != n || attributeValues.size() != n) {
      throw new IllegalArgumentException(
          "batch sizes differ: labels "
              + n
              + ", predictions "
              + networkPredictions.size(0)
              + ", attribute rows "
              + attributeValues.size());
    }
    int[] yTrue = classesOf(labels, "labels");
    int[] yPred = classesOf(networkPredictions, "predictions");
    double[] mask = maskArray == null ? null : maskArray.reshape(-1).toDoubleVector();
    int k = classes.size();
    for (int i = 0; i < n; i++) {
      if (mask != null && mask[i] == 0) {
        continue;
      }
      String[] levels = levels(attributeValues.get(i), i);
      for (int s = 0; s < featureSets.size(); s++) {
        List<String> key = new ArrayList<>();
        for (String a : featureSets.get(s).attributes()) {
          key.add(levels[attributes.indexOf(a)]);
        }
        double[] c = counts.get(s).computeIfAbsent(List.copyOf(key), x -> new double[k * k + 1]);
        c[yTrue[i] * k + yPred[i]]++;
        c[k * k]++;
      }
    }
  }

  private int[] classesOf(INDArray a, String what) {
    int k = classes.size();
    long cols = a.size(1);
    if (cols == 1 && k == 2) {
      double[] v = a.reshape(-1).toDoubleVector();
      int[] out = new int[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = v[i] >= threshold ? 1 : 0;
      }
      return out;
    }
    if (cols != k) {
      throw new IllegalArgumentException(
          what + " have " + cols + " columns but there are " + k + " classes " + classes);
    }
    long[] idx = a.argMax(1).toLongVector();
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = (int) idx[i];
    }
    return out;
  }

  private String[] levels(String[] raw, int row) {
    if (raw == null || raw.length != attributes.size()) {
      throw new IllegalArgumentException(
          "example "
              + row
              + ": expected "
              + attributes.size()
              + " attribute values "
              + attributes
              + ", got "
              + (raw == null ? "null" : Arrays.toString(raw)));
    }
    String[] out = new String[raw.length];
    for (int a = 0; a < raw.length; a++) {
      String v = raw[a];
      Binning b = binnings.get(a);
      if (SensitiveAttribute.isMissingToken(v)) {
        out[a] = SensitiveAttribute.MISSING_LEVEL;
      } else if (b == null) {
        out[a] = v;
      } else {
        double x;
        try {
          x = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "example "
                  + row
                  + ": attribute "
                  + attributes.get(a)
                  + " value '"
                  + v
                  + "' is not a number");
        }
        int bin = b.binOf(x);
        out[a] = bin < 0 ? SensitiveAttribute.MISSING_LEVEL : b.names().get(bin);
      }
    }
    return out;
  }

  /**
   * Returns the statistics gathered so far for a feature set.
   *
   * @param features one of {@link #featureSets()}
   * @return the statistics, groups in {@link #groups(FeatureSet)} order
   */
  public ConfusionStatistics statistics(FeatureSet features) {
    Map<List<String>, double[]> m = counts.get(indexOf(features));
    int k = classes.size();
    List<List<String>> keys = sortedKeys(m);
    double[] cells = new double[Math.max(1, keys.size()) * k * k];
    long[] rows = new long[Math.max(1, keys.size())];
    for (int g = 0; g < keys.size(); g++) {
      double[] c = m.get(keys.get(g));
      System.arraycopy(c, 0, cells, g * k * k, k * k);
      rows[g] = (long) c[k * k];
    }
    return ConfusionStatistics.ofCounts(rows.length, k, cells, rows);
  }

  /**
   * Returns the groups seen so far for a feature set, sorted ({@code <missing>} last).
   *
   * @param features one of {@link #featureSets()}
   * @return the group keys
   */
  public List<GroupKey> groups(FeatureSet features) {
    return sortedKeys(counts.get(indexOf(features))).stream().map(GroupKey::new).toList();
  }

  /**
   * Returns the report of a feature set over everything added so far.
   *
   * @param features one of {@link #featureSets()}
   * @return the report
   * @throws IllegalStateException if nothing was added yet
   */
  public GroupReport report(FeatureSet features) {
    if (counts.get(indexOf(features)).isEmpty()) {
      throw new IllegalStateException("no examples evaluated yet");
    }
    FairnessEvaluator.Builder fe = FairnessEvaluator.builder().undefinedPolicy(policy);
    if (positiveLabel != null) {
      fe.positiveLabel(positiveLabel);
    }
    return fe.build().report(features, groups(features), classes, statistics(features));
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

  private static List<List<String>> sortedKeys(Map<List<String>, double[]> m) {
    Comparator<String> level =
        Comparator.comparing((String s) -> s.equals(SensitiveAttribute.MISSING_LEVEL))
            .thenComparing(Comparator.naturalOrder());
    Comparator<List<String>> byLevels =
        (x, y) -> {
          for (int i = 0; i < x.size(); i++) {
            int c = level.compare(x.get(i), y.get(i));
            if (c != 0) {
              return c;
            }
          }
          return 0;
        };
    List<List<String>> keys = new ArrayList<>(m.keySet());
    keys.sort(byLevels);
    return keys;
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
   * Adds another evaluation's statistics (same classes, attributes and feature sets).
   *
   * @param other the other evaluation
   * @throws IllegalArgumentException if the configurations differ
   */
  @Override
  public void merge(Dl4jFairnessEvaluation other) {
    if (!classes.equals(other.classes)
        || !attributes.equals(other.attributes)
        || !featureSets.equals(other.featureSets)) {
      throw new IllegalArgumentException("cannot merge evaluations of different configurations");
    }
    for (int s = 0; s < featureSets.size(); s++) {
      for (Map.Entry<List<String>, double[]> e : other.counts.get(s).entrySet()) {
        double[] mine =
            counts.get(s).computeIfAbsent(e.getKey(), x -> new double[e.getValue().length]);
        for (int i = 0; i < mine.length; i++) {
          mine[i] += e.getValue()[i];
        }
      }
    }
  }

  @Override
  public void reset() {
    counts.clear();
    featureSets.forEach(fs -> counts.add(new HashMap<>()));
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
    Builder b = new Builder(classes);
    for (int a = 0; a < attributes.size(); a++) {
      b.attributes.add(attributes.get(a));
      b.binnings.add(binnings.get(a));
    }
    b.featureSets.addAll(featureSets);
    b.source = source;
    b.threshold = threshold;
    b.positiveLabel = positiveLabel;
    b.policy = policy;
    return new Dl4jFairnessEvaluation(b);
  }

  @Override
  public String toString() {
    Map<String, Integer> groups = new LinkedHashMap<>();
    for (int s = 0; s < featureSets.size(); s++) {
      groups.put(featureSets.get(s).name(), counts.get(s).size());
    }
    return "Dl4jFairnessEvaluation{classes=" + classes + ", groups seen=" + groups + "}";
  }

  /** Configures a {@link Dl4jFairnessEvaluation}. */
  public static final class Builder {
    private final ClassLabels classes;
    private final List<String> attributes = new ArrayList<>();
    private final List<Binning> binnings = new ArrayList<>();
    private final List<FeatureSet> featureSets = new ArrayList<>();
    private Dl4jAttributeSource source;
    private double threshold = 0.5;
    private String positiveLabel;
    private UndefinedPolicy policy = UndefinedPolicy.NAN;

    private Builder(ClassLabels classes) {
      this.classes = Objects.requireNonNull(classes);
    }

    /**
     * Declares a categorical attribute.
     *
     * @param name the attribute name
     * @return this builder
     */
    public Builder attribute(String name) {
      return attribute(name, null);
    }

    /**
     * Declares a numeric attribute binned into groups.
     *
     * @param name the attribute name
     * @param binning the bins, or null for a categorical attribute
     * @return this builder
     */
    public Builder attribute(String name, Binning binning) {
      if (attributes.contains(Objects.requireNonNull(name))) {
        throw new IllegalArgumentException("duplicate attribute " + name);
      }
      attributes.add(name);
      binnings.add(binning);
      return this;
    }

    /**
     * Adds a feature set to report; without any, each attribute alone and all intersected.
     *
     * @param features attributes to intersect
     * @return this builder
     */
    public Builder featureSet(FeatureSet features) {
      featureSets.add(Objects.requireNonNull(features));
      return this;
    }

    /**
     * Reads attribute values from each example's DL4J metadata.
     *
     * @param source the reader
     * @return this builder
     */
    public Builder attributesFrom(Dl4jAttributeSource source) {
      this.source = Objects.requireNonNull(source);
      return this;
    }

    /**
     * Sets the decision threshold of a single-column binary output (default 0.5).
     *
     * @param threshold the threshold
     * @return this builder
     */
    public Builder binaryThreshold(double threshold) {
      this.threshold = threshold;
      return this;
    }

    /**
     * Makes reports binary with this positive label.
     *
     * @param label the positive label
     * @return this builder
     */
    public Builder positiveLabel(String label) {
      this.positiveLabel = label;
      return this;
    }

    /**
     * Sets how undefined values are reported (default NaN with a reason).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder undefinedPolicy(UndefinedPolicy policy) {
      this.policy = Objects.requireNonNull(policy);
      return this;
    }

    /**
     * Builds the evaluation.
     *
     * @return an empty evaluation
     * @throws IllegalStateException without attributes
     */
    public Dl4jFairnessEvaluation build() {
      if (attributes.isEmpty()) {
        throw new IllegalStateException("declare at least one sensitive attribute");
      }
      for (FeatureSet fs : featureSets) {
        if (!attributes.containsAll(fs.attributes())) {
          throw new IllegalArgumentException(
              "feature set " + fs + " uses attributes not declared in " + attributes);
        }
      }
      if (positiveLabel != null) {
        classes.require(positiveLabel);
      }
      return new Dl4jFairnessEvaluation(this);
    }
  }
}
