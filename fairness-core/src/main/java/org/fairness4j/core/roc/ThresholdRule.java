package org.fairness4j.core.roc;

/**
 * How a decision threshold is chosen from a split's scores and labels (predicted positive means
 * score ≥ threshold). Fit on a validation split and apply to the test split; never choose on the
 * test labels.
 */
@FunctionalInterface
public interface ThresholdRule {
  /**
   * Chooses a threshold.
   *
   * @param scores scores of the positive class
   * @param positive the labels
   * @return the threshold
   */
  double fit(double[] scores, boolean[] positive);

  /**
   * Whether this rule needs both positive and negative rows (every rule here except {@link
   * #fixed}).
   *
   * @return true if it needs both
   */
  default boolean needsBothLabels() {
    return true;
  }

  /**
   * A fixed threshold, whatever the data.
   *
   * @param threshold the threshold
   * @return the rule
   */
  static ThresholdRule fixed(double threshold) {
    return new ThresholdRule() {
      @Override
      public double fit(double[] scores, boolean[] positive) {
        return threshold;
      }

      @Override
      public boolean needsBothLabels() {
        return false;
      }

      @Override
      public String toString() {
        return "fixed " + threshold;
      }
    };
  }

  /**
   * The threshold of highest F1 ({@link Thresholds#maxF1}).
   *
   * @return the rule
   */
  static ThresholdRule maxF1() {
    return named("max F1", Thresholds::maxF1);
  }

  /**
   * The threshold of highest Youden's J ({@link Thresholds#youden}).
   *
   * @return the rule
   */
  static ThresholdRule youden() {
    return named("Youden", Thresholds::youden);
  }

  /**
   * The highest threshold reaching a TPR ({@link Thresholds#forTargetTpr}).
   *
   * @param tpr the target sensitivity in (0, 1]
   * @return the rule
   */
  static ThresholdRule targetTpr(double tpr) {
    checkTarget(tpr);
    return named("TPR >= " + tpr, (s, p) -> Thresholds.forTargetTpr(s, p, tpr));
  }

  /**
   * The lowest threshold reaching a TNR ({@link Thresholds#forTargetTnr}).
   *
   * @param tnr the target specificity in (0, 1]
   * @return the rule
   */
  static ThresholdRule targetTnr(double tnr) {
    checkTarget(tnr);
    return named("TNR >= " + tnr, (s, p) -> Thresholds.forTargetTnr(s, p, tnr));
  }

  private static void checkTarget(double t) {
    if (!(t > 0 && t <= 1)) {
      throw new IllegalArgumentException("target rate must be in (0, 1], got " + t);
    }
  }

  private static ThresholdRule named(String name, ThresholdRule rule) {
    return new ThresholdRule() {
      @Override
      public double fit(double[] scores, boolean[] positive) {
        return rule.fit(scores, positive);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
