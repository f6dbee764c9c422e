package org.fairness4j.tribuo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.table.ClassLabels;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A linear probe on frozen embeddings trained with Tribuo's multinomial logistic regression (SGD
 * with AdaGrad, seeded), as an alternative to the SameDiff heads. Features are named {@code e0},
 * {@code e1}, ...; the model carries Tribuo provenance. Immutable.
 */
public final class TribuoLinearProbe {
  private static final LabelFactory LABELS = new LabelFactory();

  private final Model<Label> model;
  private final ClassLabels classes;
  private final String[] names;

  private TribuoLinearProbe(Model<Label> model, ClassLabels classes, int dim) {
    this.model = model;
    this.classes = classes;
    this.names = featureNames(dim);
  }

  /**
   * Trains the probe.
   *
   * @param embeddings training embeddings [n][dim]
   * @param labels class index per row
   * @param classes class labels
   * @param epochs SGD epochs (Tribuo's default is 5)
   * @param seed the seed
   * @return the trained probe
   * @throws IllegalArgumentException if sizes differ or there are no rows
   */
  public static TribuoLinearProbe fit(
      float[][] embeddings, int[] labels, ClassLabels classes, int epochs, long seed) {
    if (embeddings.length != labels.length || embeddings.length == 0) {
      throw new IllegalArgumentException(
          embeddings.length + " embeddings but " + labels.length + " labels");
    }
    int dim = embeddings[0].length;
    String[] names = featureNames(dim);
    List<Example<Label>> ex = new ArrayList<>();
    for (int i = 0; i < embeddings.length; i++) {
      ex.add(
          new ArrayExample<>(new Label(classes.label(labels[i])), names, toDouble(embeddings[i])));
    }
    MutableDataset<Label> data =
        new MutableDataset<>(ex, new SimpleDataSourceProvenance("embeddings", LABELS), LABELS);
    LinearSGDTrainer trainer =
        new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), epochs, seed);
    return new TribuoLinearProbe(trainer.train(data), classes, dim);
  }

  /**
   * Returns class probabilities in {@code classes} order.
   *
   * @param embeddings rows to predict [n][dim]
   * @return probabilities [n][classes]
   */
  public float[][] probabilities(float[][] embeddings) {
    float[][] out = new float[embeddings.length][classes.size()];
    for (int i = 0; i < embeddings.length; i++) {
      Prediction<Label> p =
          model.predict(
              new ArrayExample<>(LABELS.getUnknownOutput(), names, toDouble(embeddings[i])));
      Map<String, Label> scores = p.getOutputScores();
      for (int c = 0; c < classes.size(); c++) {
        Label l = scores.get(classes.label(c));
        out[i][c] = l == null ? 0f : (float) l.getScore();
      }
    }
    return out;
  }

  /**
   * Returns the Tribuo model (with its provenance).
   *
   * @return the model
   */
  public Model<Label> model() {
    return model;
  }

  private static String[] featureNames(int dim) {
    String[] n = new String[dim];
    for (int j = 0; j < dim; j++) {
      n[j] = "e" + j;
    }
    return n;
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int j = 0; j < v.length; j++) {
      d[j] = v[j];
    }
    return d;
  }
}
