package org.fairness4j.core.metrics;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The group metrics Fairness4J computes. Binary metrics treat one explicit class as positive (a
 * multiclass table reduces one-vs-rest); multiclass metrics average over classes. {@link #key()} is
 * the name used in reports (Fairlearn's where one exists). Formulas and undefined cases are in
 * {@code docs/metrics.md}.
 */
public enum Metric {
  /** Number of rows (unweighted, even for weighted tables). */
  COUNT("count", Space.BOTH),
  /** (TP+FN)/N: share of rows with the positive true label. */
  BASE_RATE("base_rate", Space.BINARY),
  /** (TP+FP)/N: share of rows predicted positive (demographic parity compares it). */
  SELECTION_RATE("selection_rate", Space.BINARY),
  /** Share of rows whose prediction equals the true label. */
  ACCURACY("accuracy", Space.BOTH),
  /** Binary: (TPR+TNR)/2. Multiclass: mean recall over classes present in the true labels. */
  BALANCED_ACCURACY("balanced_accuracy", Space.BOTH),
  /** 1 − accuracy. */
  ERROR_RATE("error_rate", Space.BOTH),
  /** TP/(TP+FP), positive predictive value. */
  PRECISION("precision", Space.BINARY),
  /** TN/(TN+FN), negative predictive value. */
  NPV("npv", Space.BINARY),
  /** TP/(TP+FN), true positive rate, sensitivity. */
  RECALL("recall", Space.BINARY),
  /** TN/(TN+FP), true negative rate, specificity. */
  TNR("tnr", Space.BINARY),
  /** FP/(FP+TN), false positive rate. */
  FPR("fpr", Space.BINARY),
  /** FN/(FN+TP), false negative rate. */
  FNR("fnr", Space.BINARY),
  /** FP/(FP+TP), false discovery rate. */
  FDR("fdr", Space.BINARY),
  /** FN/(FN+TN), false omission rate. */
  FALSE_OMISSION_RATE("for", Space.BINARY),
  /** 2TP/(2TP+FP+FN). */
  F1("f1", Space.BINARY),
  /** Area under the ROC curve of the positive class's score (ties count one half). */
  ROC_AUC("roc_auc", Space.BINARY),
  /** Mean over all classes of one-vs-rest precision. */
  MACRO_PRECISION("macro_precision", Space.MULTICLASS),
  /** Mean over all classes of one-vs-rest recall. */
  MACRO_RECALL("macro_recall", Space.MULTICLASS),
  /** Mean over all classes of one-vs-rest F1. */
  MACRO_F1("macro_f1", Space.MULTICLASS),
  /** Mean one-vs-rest F1 over the classes present in the group's true or predicted labels. */
  MACRO_F1_PRESENT("macro_f1_present", Space.MULTICLASS),
  /** Micro-averaged precision (equals accuracy for single-label data). */
  MICRO_PRECISION("micro_precision", Space.MULTICLASS),
  /** Micro-averaged recall (equals accuracy for single-label data). */
  MICRO_RECALL("micro_recall", Space.MULTICLASS),
  /** Micro-averaged F1 (equals accuracy for single-label data). */
  MICRO_F1("micro_f1", Space.MULTICLASS),
  /** One-vs-rest precision averaged with class support (true count) as weight. */
  WEIGHTED_PRECISION("weighted_precision", Space.MULTICLASS),
  /** One-vs-rest recall averaged with class support as weight. */
  WEIGHTED_RECALL("weighted_recall", Space.MULTICLASS),
  /** One-vs-rest F1 averaged with class support as weight. */
  WEIGHTED_F1("weighted_f1", Space.MULTICLASS),
  /**
   * Mean over all classes of the one-vs-rest ROC AUC of each class's score (scikit-learn's {@code
   * roc_auc_score(multi_class="ovr", average="macro")}); present only when every class has scores,
   * undefined in a group where some class has no positive or no negative row.
   */
  MACRO_ROC_AUC("macro_roc_auc_ovr", Space.MULTICLASS);

  /** Which evaluations a metric belongs to. */
  public enum Space {
    /** Binary (one positive class) only. */
    BINARY,
    /** Multiclass (no positive class) only. */
    MULTICLASS,
    /** Both. */
    BOTH
  }

  private final String key;
  private final Space space;

  Metric(String key, Space space) {
    this.key = key;
    this.space = space;
  }

  /**
   * Returns the report name, e.g. {@code recall}.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Returns the evaluations this metric belongs to.
   *
   * @return the space
   */
  public Space space() {
    return space;
  }

  /**
   * Returns the metric of a report name.
   *
   * @param key a key such as {@code fpr}
   * @return the metric
   * @throws IllegalArgumentException listing the valid keys if none matches
   */
  public static Metric fromKey(String key) {
    for (Metric m : values()) {
      if (m.key.equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown metric '"
            + key
            + "'; known: "
            + Arrays.stream(values()).map(Metric::key).toList());
  }

  /**
   * Returns the metrics of a binary evaluation, in report order.
   *
   * @return an immutable list
   */
  public static List<Metric> binary() {
    return of(Space.BINARY);
  }

  /**
   * Returns the metrics of a multiclass evaluation, in report order.
   *
   * @return an immutable list
   */
  public static List<Metric> multiclass() {
    return of(Space.MULTICLASS);
  }

  private static List<Metric> of(Space s) {
    Set<Metric> set = EnumSet.noneOf(Metric.class);
    for (Metric m : values()) {
      if (m.space == s || m.space == Space.BOTH) {
        set.add(m);
      }
    }
    return List.copyOf(set);
  }
}
