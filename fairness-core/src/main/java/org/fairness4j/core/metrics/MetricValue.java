package org.fairness4j.core.metrics;

/**
 * A metric value and, when the metric is undefined, why. Under {@link UndefinedPolicy#NAN} an
 * undefined value is NaN; under {@link UndefinedPolicy#ZERO} it is 0 and keeps its reason.
 *
 * @param value the value (NaN when undefined under the default policy)
 * @param reason null when defined, otherwise why the metric is undefined
 */
public record MetricValue(double value, UndefinedReason reason) {
  /**
   * A defined value.
   *
   * @param value the value
   * @return the metric value
   */
  public static MetricValue of(double value) {
    return new MetricValue(value, null);
  }

  /**
   * An undefined value: NaN with a reason.
   *
   * @param reason why
   * @return the metric value
   */
  public static MetricValue undefined(UndefinedReason reason) {
    return new MetricValue(Double.NaN, reason);
  }

  /**
   * {@code numerator / denominator}, or undefined with {@code reason} when the denominator is 0.
   *
   * @param numerator the numerator
   * @param denominator the denominator
   * @param reason the reason if {@code denominator == 0}
   * @return the ratio
   */
  public static MetricValue ratio(double numerator, double denominator, UndefinedReason reason) {
    return denominator == 0 ? undefined(reason) : of(numerator / denominator);
  }

  /**
   * Returns whether the metric is defined (has no reason).
   *
   * @return true if defined
   */
  public boolean isDefined() {
    return reason == null;
  }

  /**
   * The value with undefined replaced by 0 (keeping the reason), as Fairlearn reports it.
   *
   * @return this, or 0 with the same reason
   */
  public MetricValue zeroIfUndefined() {
    return reason == null || value == 0.0 ? this : new MetricValue(0.0, reason);
  }

  @Override
  public String toString() {
    return reason == null ? Double.toString(value) : value + " (" + reason + ")";
  }
}
