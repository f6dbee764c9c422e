package org.fairness4j.tribuo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.MissingValuePolicy;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.SensitiveAttribute;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

/**
 * Says how Tribuo predictions become a {@link PredictionTable}: which {@link Example} metadata keys
 * hold the sensitive attributes (Tribuo's {@code RowProcessor} metadata extractors put a CSV column
 * there without making it a feature), how numeric ones are binned, an optional cluster (subject)
 * key, and whether example weights are used. Immutable and thread-safe.
 *
 * <pre>{@code
 * TribuoTableSpec spec = TribuoTableSpec.builder()
 *     .categorical("sex")
 *     .binned("age", Binning.parse("0,60,100"))
 *     .build();
 * PredictionTable table = spec.toTable(model, testData);
 * }</pre>
 *
 * <p>Classes are the model's output domain in id order, followed (sorted) by any true label of the
 * data the model has never seen. When every prediction {@linkplain Prediction#hasProbabilities()
 * has probabilities}, each class's probability becomes its score column (so ROC AUC is reported).
 */
public final class TribuoTableSpec {
  private final Map<String, Binning> attributes;
  private final MissingValuePolicy missingPolicy;
  private final String clusterKey;
  private final boolean exampleWeights;

  private TribuoTableSpec(Builder b) {
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
    this.missingPolicy = b.missingPolicy;
    this.clusterKey = b.clusterKey;
    this.exampleWeights = b.exampleWeights;
  }

  /**
   * Returns a builder with no attributes, missing values as their own group, unweighted.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the sensitive attribute names (the metadata keys), in the order declared.
   *
   * @return the names
   */
  public List<String> attributeNames() {
    return List.copyOf(attributes.keySet());
  }

  /**
   * Predicts the dataset with the model and tabulates the predictions.
   *
   * @param model a classification model
   * @param data labelled examples carrying the sensitive metadata
   * @return the table, one row per example in dataset order
   * @throws IllegalArgumentException if an example has no true label or lacks a cluster key
   */
  public PredictionTable toTable(Model<Label> model, Dataset<Label> data) {
    return toTable(model.predict(data), model.getOutputIDInfo());
  }

  /**
   * Tabulates predictions made by a model with the given output domain.
   *
   * @param predictions the predictions, each carrying its (labelled) example
   * @param domain the model's output domain, e.g. {@link Model#getOutputIDInfo()}
   * @return the table, one row per prediction in order
   * @throws IllegalArgumentException if an example has no true label or lacks a cluster key
   */
  public PredictionTable toTable(
      List<Prediction<Label>> predictions, ImmutableOutputInfo<Label> domain) {
    List<String> labels = new ArrayList<>();
    List<Map.Entry<Integer, String>> ids = new ArrayList<>();
    domain.forEach(p -> ids.add(Map.entry(p.getA(), p.getB().getLabel())));
    ids.sort(Map.Entry.comparingByKey());
    ids.forEach(e -> labels.add(e.getValue()));
    return tabulate(predictions, labels);
  }

  /**
   * Tabulates predictions without a model: the classes are the sorted distinct true, predicted and
   * scored labels.
   *
   * @param predictions the predictions, each carrying its (labelled) example
   * @return the table
   * @throws IllegalArgumentException if an example has no true label or lacks a cluster key
   */
  public PredictionTable toTable(List<Prediction<Label>> predictions) {
    TreeSet<String> labels = new TreeSet<>();
    for (Prediction<Label> p : predictions) {
      labels.add(p.getOutput().getLabel());
      labels.addAll(p.getOutputScores().keySet());
    }
    return tabulate(predictions, new ArrayList<>(labels));
  }

  private PredictionTable tabulate(List<Prediction<Label>> predictions, List<String> domain) {
    int n = predictions.size();
    if (n == 0) {
      throw new IllegalArgumentException("no predictions to tabulate");
    }
    String[] yTrue = new String[n];
    String[] yPred = new String[n];
    TreeSet<String> unseen = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      Prediction<Label> p = predictions.get(i);
      Label truth = p.getExample().getOutput();
      if (truth == null || LabelFactory.UNKNOWN_LABEL.equals(truth)) {
        throw new IllegalArgumentException(
            "prediction " + i + ": its example has no true label (Tribuo's unknown label)");
      }
      yTrue[i] = truth.getLabel();
      yPred[i] = p.getOutput().getLabel();
      if (!domain.contains(yTrue[i])) {
        unseen.add(yTrue[i]);
      }
      if (!domain.contains(yPred[i])) {
        throw new IllegalArgumentException(
            "prediction " + i + ": predicted label " + yPred[i] + " is not in the output domain");
      }
    }
    List<String> classes = new ArrayList<>(domain);
    classes.addAll(unseen);
    PredictionTable.Builder b =
        PredictionTable.builder().classes(ClassLabels.of(classes)).labels(yTrue, yPred);
    addScores(b, predictions, domain);
    for (Map.Entry<String, Binning> a : attributes.entrySet()) {
      String[] values = metadata(predictions, a.getKey(), false);
      b.attribute(
          a.getValue() == null
              ? SensitiveAttribute.categorical(a.getKey(), values, missingPolicy)
              : SensitiveAttribute.binned(a.getKey(), values, a.getValue(), missingPolicy));
    }
    if (clusterKey != null) {
      b.clusters(metadata(predictions, clusterKey, true));
    }
    if (exampleWeights) {
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = predictions.get(i).getExample().getWeight();
      }
      b.weights(w);
    }
    return b.build();
  }

  private static void addScores(
      PredictionTable.Builder b, List<Prediction<Label>> predictions, List<String> domain) {
    for (Prediction<Label> p : predictions) {
      if (!p.hasProbabilities()) {
        return;
      }
    }
    for (String c : domain) {
      double[] s = new double[predictions.size()];
      for (int i = 0; i < s.length; i++) {
        Label scored = predictions.get(i).getOutputScores().get(c);
        if (scored == null) {
          throw new IllegalArgumentException("prediction " + i + ": no probability for class " + c);
        }
        s[i] = scored.getScore();
      }
      b.scores(c, s);
    }
  }

  private static String[] metadata(
      List<Prediction<Label>> predictions, String key, boolean required) {
    String[] values = new String[predictions.size()];
    for (int i = 0; i < values.length; i++) {
      Optional<Object> v = predictions.get(i).getExample().getMetadataValue(key);
      if (v.isEmpty() && required) {
        throw new IllegalArgumentException(
            "prediction " + i + ": its example has no metadata value for key '" + key + "'");
      }
      values[i] = v.map(String::valueOf).orElse(null);
    }
    return values;
  }

  /** Configures a {@link TribuoTableSpec}. */
  public static final class Builder {
    private final Map<String, Binning> attributes = new LinkedHashMap<>();
    private MissingValuePolicy missingPolicy = MissingValuePolicy.OWN_GROUP;
    private String clusterKey;
    private boolean exampleWeights;

    private Builder() {}

    /**
     * Adds a categorical sensitive attribute read from this metadata key.
     *
     * @param metadataKey the key, also the attribute's name
     * @return this builder
     */
    public Builder categorical(String metadataKey) {
      return add(metadataKey, null);
    }

    /**
     * Adds a numeric sensitive attribute read from this metadata key and binned.
     *
     * @param metadataKey the key, also the attribute's name
     * @param binning the bins
     * @return this builder
     */
    public Builder binned(String metadataKey, Binning binning) {
      return add(metadataKey, Objects.requireNonNull(binning, "binning"));
    }

    private Builder add(String key, Binning binning) {
      Objects.requireNonNull(key, "metadataKey");
      if (attributes.containsKey(key)) {
        throw new IllegalArgumentException("duplicate sensitive attribute " + key);
      }
      attributes.put(key, binning);
      return this;
    }

    /**
     * Sets what happens to examples without a value (default: their own {@code <missing>} group).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder missingValues(MissingValuePolicy policy) {
      this.missingPolicy = Objects.requireNonNull(policy);
      return this;
    }

    /**
     * Reads a cluster (subject) id from this metadata key, so that bootstrap resampling draws whole
     * subjects; every example must have it.
     *
     * @param metadataKey the key
     * @return this builder
     */
    public Builder cluster(String metadataKey) {
      this.clusterKey = Objects.requireNonNull(metadataKey);
      return this;
    }

    /**
     * Whether each example's Tribuo weight becomes the row's sample weight (default false, as in
     * Tribuo's {@code LabelEvaluator}, which ignores weights).
     *
     * @param use true to weight rows
     * @return this builder
     */
    public Builder exampleWeights(boolean use) {
      this.exampleWeights = use;
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the spec
     * @throws IllegalStateException if no attribute was added
     */
    public TribuoTableSpec build() {
      if (attributes.isEmpty()) {
        throw new IllegalStateException("add at least one sensitive attribute");
      }
      return new TribuoTableSpec(this);
    }
  }
}
