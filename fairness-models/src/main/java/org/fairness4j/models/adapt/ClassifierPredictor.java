package org.fairness4j.models.adapt;

import java.util.List;
import org.fairness4j.core.prediction.ProbabilityTable;
import org.fairness4j.core.table.ClassLabels;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Predicts a data set with a trained classifier into a {@link ProbabilityTable}. */
public final class ClassifierPredictor {
  private ClassifierPredictor() {}

  /**
   * Predicts a data set in evaluation mode, 64 examples at a time, keeping the probabilities and
   * the logits they are the softmax of.
   *
   * @param model the classifier
   * @param data the examples (their labels are the true classes)
   * @param ids one id per example (e.g. the image file name)
   * @param classes class labels in the model's output order
   * @return the predictions
   * @throws IllegalArgumentException if the ids or the classes do not match the data or model
   */
  public static ProbabilityTable predict(
      TrainableClassifier model, AdaptationData data, List<String> ids, ClassLabels classes) {
    int n = data.size();
    if (ids.size() != n) {
      throw new IllegalArgumentException(n + " examples but " + ids.size() + " ids");
    }
    if (classes.size() != model.classes()) {
      throw new IllegalArgumentException(
          classes.size() + " class labels for a model with " + model.classes() + " classes");
    }
    int[] y = new int[n];
    float[][] p = new float[n][];
    float[][] z = new float[n][];
    for (int from = 0; from < n; from += 64) {
      int to = Math.min(n, from + 64);
      int[] rows = new int[to - from];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = from + i;
      }
      INDArray[] out = model.logitsAndProbabilities(data.inputs(rows, false, 0));
      for (int i = 0; i < rows.length; i++) {
        z[from + i] = out[0].getRow(i).dup().data().asFloat();
        p[from + i] = out[1].getRow(i).dup().data().asFloat();
        y[from + i] = data.label(from + i);
      }
    }
    return ProbabilityTable.of(ids, y, p, z, classes);
  }
}
