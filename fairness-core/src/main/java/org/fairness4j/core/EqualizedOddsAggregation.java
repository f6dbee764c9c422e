package org.fairness4j.core;

/**
 * How equalized odds combines the disparity of the true positive rates with that of the false
 * positive rates (Fairlearn's {@code agg}).
 */
public enum EqualizedOddsAggregation {
  /** The larger difference, or the smaller ratio. */
  WORST_CASE("worst_case"),
  /** The mean of the two. */
  MEAN("mean");

  private final String key;

  EqualizedOddsAggregation(String key) {
    this.key = key;
  }

  /**
   * Returns the report name, e.g. {@code worst_case}.
   *
   * @return the key
   */
  public String key() {
    return key;
  }
}
