package org.fairness4j.core.metrics;

/** Why a metric value is undefined: its denominator is zero, or its inputs are missing. */
public enum UndefinedReason {
  /** The group has no rows (or all its rows have weight 0). */
  EMPTY_GROUP,
  /** No row of the group has the positive true label (TPR, FNR, AUC). */
  NO_POSITIVES,
  /** No row of the group has a negative true label (TNR, FPR, AUC). */
  NO_NEGATIVES,
  /** No row of the group is predicted positive (precision, FDR). */
  NO_PREDICTED_POSITIVES,
  /** No row of the group is predicted negative (NPV, FOR). */
  NO_PREDICTED_NEGATIVES,
  /** F1 = 2TP/(2TP+FP+FN) with TP+FP+FN = 0: no positives and none predicted. */
  NO_POSITIVES_AND_NO_PREDICTED_POSITIVES,
  /** A macro or weighted average has a component (one class's rate) that is undefined. */
  UNDEFINED_CLASS_COMPONENT,
  /** A composite (balanced accuracy, equalized odds) has an undefined component. */
  UNDEFINED_COMPONENT,
  /** The table has no scores for the class the metric needs (AUC). */
  NO_SCORES,
  /** A disparity has fewer than one group with a defined value. */
  NO_DEFINED_GROUPS,
  /**
   * A disparity has exactly one group with a defined value: there is nothing to compare it with, so
   * it is undefined rather than a gap of 0 (or a ratio of 1).
   */
  ONE_DEFINED_GROUP,
  /** The overall value a disparity compares with is undefined. */
  UNDEFINED_OVERALL,
  /** The reference group of a disparity is empty or its value is undefined. */
  UNDEFINED_REFERENCE,
  /** A ratio's denominator (group maximum, overall or reference value) is zero. */
  ZERO_DENOMINATOR
}
