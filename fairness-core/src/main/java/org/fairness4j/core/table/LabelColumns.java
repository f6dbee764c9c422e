package org.fairness4j.core.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The true and predicted labels given to a {@link PredictionTable.Builder}: class indices, integer
 * labels or strings, resolved into class indices against the declared classes, or against classes
 * derived from the labels when none were declared (integers in numeric order, strings sorted).
 */
final class LabelColumns {
  private final int[] trueIndices;
  private final int[] predictedIndices;
  private final int[] trueInts;
  private final int[] predictedInts;
  private final String[] trueTexts;
  private final String[] predictedTexts;

  private LabelColumns(
      int[] trueIndices,
      int[] predictedIndices,
      int[] trueInts,
      int[] predictedInts,
      String[] trueTexts,
      String[] predictedTexts) {
    this.trueIndices = trueIndices;
    this.predictedIndices = predictedIndices;
    this.trueInts = trueInts;
    this.predictedInts = predictedInts;
    this.trueTexts = trueTexts;
    this.predictedTexts = predictedTexts;
  }

  /** Class indices into the declared classes (copied). */
  static LabelColumns indices(int[] trueClasses, int[] predictedClasses) {
    return new LabelColumns(trueClasses.clone(), predictedClasses.clone(), null, null, null, null);
  }

  /** Integer labels (copied). */
  static LabelColumns ints(int[] trueLabels, int[] predictedLabels) {
    return new LabelColumns(null, null, trueLabels.clone(), predictedLabels.clone(), null, null);
  }

  /** String labels (copied). */
  static LabelColumns texts(String[] trueLabels, String[] predictedLabels) {
    return new LabelColumns(null, null, null, null, trueLabels.clone(), predictedLabels.clone());
  }

  /** Labels as class indices, with the classes they index. */
  record Resolved(ClassLabels classes, int[] trueClasses, int[] predictedClasses) {}

  /**
   * Resolves labels against the declared classes (or null: derived from the labels).
   *
   * @throws IllegalStateException without labels, or with class indices but no declared classes
   * @throws IllegalArgumentException naming the row of a label that is not a class
   */
  static Resolved resolve(LabelColumns labels, ClassLabels declared) {
    if (labels == null) {
      throw new IllegalStateException("labels are required");
    }
    ClassLabels classes = declared;
    if (labels.trueInts != null) {
      if (classes == null) {
        int[] all = new int[labels.trueInts.length + labels.predictedInts.length];
        System.arraycopy(labels.trueInts, 0, all, 0, labels.trueInts.length);
        System.arraycopy(
            labels.predictedInts, 0, all, labels.trueInts.length, labels.predictedInts.length);
        classes = ClassLabels.ofInts(all);
      }
      return new Resolved(
          classes,
          indicesOf(classes, labels.trueInts, "true"),
          indicesOf(classes, labels.predictedInts, "predicted"));
    }
    if (labels.trueTexts != null) {
      if (classes == null) {
        TreeSet<String> set = new TreeSet<>();
        Collections.addAll(set, labels.trueTexts);
        Collections.addAll(set, labels.predictedTexts);
        classes = ClassLabels.of(new ArrayList<>(set));
      }
      return new Resolved(
          classes,
          indicesOf(classes, labels.trueTexts, "true"),
          indicesOf(classes, labels.predictedTexts, "predicted"));
    }
    if (classes == null) {
      throw new IllegalStateException("class indices need declared classes()");
    }
    return new Resolved(classes, labels.trueIndices, labels.predictedIndices);
  }

  private static int[] indicesOf(ClassLabels classes, int[] labels, String what) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int v : labels) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    int[] out = new int[labels.length];
    if (labels.length == 0) {
      return out;
    }
    boolean dense = (long) max - min < 1 << 20;
    int[] table = dense ? new int[max - min + 1] : null;
    Map<Integer, Integer> sparse = dense ? null : new HashMap<>();
    if (dense) {
      for (int v = min; v <= max && v >= min; v++) {
        table[v - min] = classes.indexOf(Integer.toString(v));
        if (v == Integer.MAX_VALUE) {
          break;
        }
      }
    }
    for (int i = 0; i < labels.length; i++) {
      int v = labels[i];
      int c =
          dense
              ? table[v - min]
              : sparse.computeIfAbsent(v, x -> classes.indexOf(Integer.toString(x)));
      if (c < 0) {
        throw new IllegalArgumentException(
            "row " + i + ": " + what + " label " + v + " is not one of " + classes);
      }
      out[i] = c;
    }
    return out;
  }

  private static int[] indicesOf(ClassLabels classes, String[] labels, String what) {
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      int c = classes.indexOf(labels[i]);
      if (c < 0) {
        throw new IllegalArgumentException(
            "row " + i + ": " + what + " label '" + labels[i] + "' is not one of " + classes);
      }
      out[i] = c;
    }
    return out;
  }
}
