package org.fairness4j.models.adapt;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.io.AtomicFiles;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a classifier predicted for a data set: per example its id, true class, predicted class (the
 * most probable), class probabilities and, where the model gave them, the raw outputs (logits) they
 * are the softmax of. Becomes a {@link PredictionTable} for the core engine, or a CSV that {@code
 * fairness metrics} reads. Immutable.
 */
public final class ClassifierPredictions {
  private final List<String> ids;
  private final int[] trueClasses;
  private final float[][] probabilities;
  private final float[][] logits;
  private final ClassLabels classes;

  private ClassifierPredictions(
      List<String> ids,
      int[] trueClasses,
      float[][] probabilities,
      float[][] logits,
      ClassLabels classes) {
    this.ids = List.copyOf(ids);
    this.trueClasses = trueClasses;
    this.probabilities = probabilities;
    this.logits = logits;
    this.classes = classes;
  }

  /**
   * Predicts a data set in evaluation mode, 64 examples at a time.
   *
   * @param model the classifier
   * @param data the examples (their labels are the true classes)
   * @param ids one id per example (e.g. the image file name)
   * @param classes class labels in the model's output order
   * @return the predictions
   */
  public static ClassifierPredictions of(
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
    return new ClassifierPredictions(ids, y, p, z, classes);
  }

  /**
   * Creates predictions from probabilities computed elsewhere (e.g. zero-shot).
   *
   * @param ids example ids
   * @param trueClasses true class indices
   * @param probabilities [examples][classes]
   * @param classes class labels
   * @return the predictions
   */
  public static ClassifierPredictions of(
      List<String> ids, int[] trueClasses, float[][] probabilities, ClassLabels classes) {
    return of(ids, trueClasses, probabilities, null, classes);
  }

  /**
   * Creates predictions from probabilities and the raw outputs (logits) they are the softmax of,
   * computed elsewhere (e.g. zero-shot: the scaled cosine similarities).
   *
   * @param ids example ids
   * @param trueClasses true class indices
   * @param probabilities [examples][classes]
   * @param logits [examples][classes], or null when not kept
   * @param classes class labels
   * @return the predictions
   */
  public static ClassifierPredictions of(
      List<String> ids,
      int[] trueClasses,
      float[][] probabilities,
      float[][] logits,
      ClassLabels classes) {
    if (logits != null && logits.length != probabilities.length) {
      throw new IllegalArgumentException(
          logits.length + " rows of logits for " + probabilities.length + " of probabilities");
    }
    return new ClassifierPredictions(
        ids,
        trueClasses.clone(),
        copy(probabilities, classes, "probabilities"),
        logits == null ? null : copy(logits, classes, "logits"),
        classes);
  }

  private static float[][] copy(float[][] m, ClassLabels classes, String what) {
    float[][] copy = new float[m.length][];
    for (int i = 0; i < copy.length; i++) {
      if (m[i].length != classes.size()) {
        throw new IllegalArgumentException(
            "row " + i + ": " + m[i].length + " " + what + " for " + classes.size() + " classes");
      }
      copy[i] = m[i].clone();
    }
    return copy;
  }

  /**
   * Whether the raw outputs (logits) were kept.
   *
   * @return true if {@link #logit} can be called
   */
  public boolean hasLogits() {
    return logits != null;
  }

  /**
   * Returns a raw model output (logit).
   *
   * @param row the example
   * @param c the class
   * @return the logit
   * @throws IllegalStateException if the logits were not kept ({@link #hasLogits})
   */
  public double logit(int row, int c) {
    if (logits == null) {
      throw new IllegalStateException("these predictions keep no logits");
    }
    return logits[row][c];
  }

  /**
   * Returns the number of examples.
   *
   * @return the size
   */
  public int size() {
    return trueClasses.length;
  }

  /**
   * Returns an example's id.
   *
   * @param row the example
   * @return its id
   */
  public String id(int row) {
    return ids.get(row);
  }

  /**
   * Returns an example's true class index.
   *
   * @param row the example
   * @return the class
   */
  public int trueClass(int row) {
    return trueClasses[row];
  }

  /**
   * Returns the predicted class: the most probable (the first on ties).
   *
   * @param row the example
   * @return the class
   */
  public int predictedClass(int row) {
    float[] p = probabilities[row];
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * Returns a class probability.
   *
   * @param row the example
   * @param c the class
   * @return the probability
   */
  public double probability(int row, int c) {
    return probabilities[row][c];
  }

  /**
   * Returns the class labels.
   *
   * @return the classes
   */
  public ClassLabels classes() {
    return classes;
  }

  /**
   * Returns the accuracy.
   *
   * @return share of examples whose predicted class is the true one
   */
  public double accuracy() {
    int ok = 0;
    for (int i = 0; i < size(); i++) {
      ok += predictedClass(i) == trueClasses[i] ? 1 : 0;
    }
    return (double) ok / size();
  }

  /**
   * Starts a prediction table with the true and predicted classes and one score column per class;
   * add the sensitive attributes and build it.
   *
   * @return the table builder
   */
  public PredictionTable.Builder tableBuilder() {
    int n = size();
    int[] pred = new int[n];
    for (int i = 0; i < n; i++) {
      pred[i] = predictedClass(i);
    }
    PredictionTable.Builder b =
        PredictionTable.builder().classes(classes).classIndices(trueClasses, pred);
    for (int c = 0; c < classes.size(); c++) {
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = probabilities[i][c];
      }
      b.scores(classes.label(c), s);
    }
    return b;
  }

  /**
   * Writes {@code image_id,y_true,y_pred,score_<class>...}, {@code logit_<class>...} where kept,
   * and extra columns (e.g. sex, age) atomically; {@code fairness metrics --score score_<c1>,...}
   * reads it.
   *
   * @param file the CSV file
   * @param extra column name to one value per example, in order
   * @throws IOException if writing fails
   */
  public void writeCsv(Path file, Map<String, String[]> extra) throws IOException {
    Map<String, String[]> cols = new LinkedHashMap<>(extra);
    AtomicFiles.writeText(
        file,
        out -> {
          CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
          List<String> header = new ArrayList<>(List.of("image_id", "y_true", "y_pred"));
          for (String c : classes.asList()) {
            header.add("score_" + c);
          }
          if (logits != null) {
            for (String c : classes.asList()) {
              header.add("logit_" + c);
            }
          }
          header.addAll(cols.keySet());
          csv.writeRecord(header);
          for (int i = 0; i < size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(ids.get(i));
            row.add(classes.label(trueClasses[i]));
            row.add(classes.label(predictedClass(i)));
            for (float p : probabilities[i]) {
              row.add(Float.toString(p));
            }
            if (logits != null) {
              for (float z : logits[i]) {
                row.add(Float.toString(z));
              }
            }
            for (String[] v : cols.values()) {
              row.add(v[i]);
            }
            csv.writeRecord(row);
          }
          csv.flush();
        });
  }
}
