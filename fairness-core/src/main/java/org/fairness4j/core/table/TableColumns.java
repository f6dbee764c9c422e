package org.fairness4j.core.table;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The columns of a {@link PredictionTable}: their checks when built, and the row selection and
 * prediction replacement that derive one table from another. Arrays are not copied here: callers
 * pass arrays nobody else holds.
 */
record TableColumns(
    ClassLabels classes,
    int[] yTrue,
    int[] yPred,
    double[] weights,
    Map<String, double[]> scores,
    Map<String, SensitiveAttribute> attributes,
    int[] clusters,
    int clusterCount) {
  TableColumns {
    scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /**
   * Checks the columns a builder collected.
   *
   * @throws IllegalArgumentException if columns differ in length, a class index is out of range, a
   *     score is not finite, a weight is negative or not finite, or a scored class is unknown
   */
  TableColumns checked() {
    int n = yTrue.length;
    if (yPred.length != n) {
      throw new IllegalArgumentException(
          "true labels have " + n + " rows but predicted labels " + yPred.length);
    }
    int k = classes.size();
    for (int i = 0; i < n; i++) {
      if (yTrue[i] < 0 || yTrue[i] >= k || yPred[i] < 0 || yPred[i] >= k) {
        throw new IllegalArgumentException("row " + i + ": class index out of range [0," + k + ")");
      }
    }
    if (weights != null) {
      checkLength("weights", weights.length, n);
      for (int i = 0; i < n; i++) {
        if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
          throw new IllegalArgumentException(
              "row " + i + ": weight " + weights[i] + " is not a finite non-negative number");
        }
      }
    }
    for (Map.Entry<String, double[]> e : scores.entrySet()) {
      classes.require(e.getKey());
      checkLength("scores of class " + e.getKey(), e.getValue().length, n);
      double[] s = e.getValue();
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(s[i])) {
          throw new IllegalArgumentException(
              "row " + i + ": score of class " + e.getKey() + " is " + s[i]);
        }
      }
    }
    for (SensitiveAttribute a : attributes.values()) {
      checkLength("attribute " + a.name(), a.size(), n);
    }
    if (clusters != null) {
      checkLength("clusters", clusters.length, n);
    }
    return this;
  }

  private static void checkLength(String what, int length, int n) {
    if (length != n) {
      throw new IllegalArgumentException(what + " has " + length + " rows, expected " + n);
    }
  }

  /**
   * Interns cluster ids: one index per distinct id, in order of first appearance.
   *
   * @return the index per row
   * @throws IllegalArgumentException naming the row of a missing id
   */
  static int[] clusterIndices(String[] ids) {
    Map<String, Integer> index = new HashMap<>();
    int[] c = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == null) {
        throw new IllegalArgumentException("row " + i + ": cluster id is missing");
      }
      c[i] = index.computeIfAbsent(ids[i], k -> index.size());
    }
    return c;
  }

  /** The given rows (checked to be in range), in order; classes and cluster count are kept. */
  TableColumns select(int[] rows) {
    int n = yTrue.length;
    for (int r : rows) {
      if (r < 0 || r >= n) {
        throw new IndexOutOfBoundsException("row " + r + " of a table of " + n + " rows");
      }
    }
    Map<String, double[]> s = new LinkedHashMap<>();
    scores.forEach((k, v) -> s.put(k, pick(v, rows)));
    Map<String, SensitiveAttribute> a = new LinkedHashMap<>();
    attributes.forEach((k, v) -> a.put(k, v.select(rows)));
    return new TableColumns(
        classes,
        pick(yTrue, rows),
        pick(yPred, rows),
        weights == null ? null : pick(weights, rows),
        s,
        a,
        clusters == null ? null : pick(clusters, rows),
        clusterCount);
  }

  /** These columns with other predicted class indices (checked, copied). */
  TableColumns withPredictions(int[] predictedClasses) {
    if (predictedClasses.length != yTrue.length) {
      throw new IllegalArgumentException(
          predictedClasses.length + " predictions for a table of " + yTrue.length + " rows");
    }
    for (int i = 0; i < predictedClasses.length; i++) {
      if (predictedClasses[i] < 0 || predictedClasses[i] >= classes.size()) {
        throw new IllegalArgumentException(
            "row " + i + ": predicted class index " + predictedClasses[i] + " is not a class");
      }
    }
    return new TableColumns(
        classes,
        yTrue,
        predictedClasses.clone(),
        weights,
        scores,
        attributes,
        clusters,
        clusterCount);
  }

  private static int[] pick(int[] v, int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = v[rows[i]];
    }
    return out;
  }

  private static double[] pick(double[] v, int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = v[rows[i]];
    }
    return out;
  }
}
