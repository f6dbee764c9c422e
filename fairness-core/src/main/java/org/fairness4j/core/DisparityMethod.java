package org.fairness4j.core;

/** What a group's value is compared with in a difference or ratio (Fairlearn's {@code method}). */
public enum DisparityMethod {
  /** Largest against smallest group value: max − min, min / max. */
  BETWEEN_GROUPS("between_groups"),
  /**
   * Each group against the overall value: max |g − overall|, and min of g / overall, inverted when
   * above 1.
   */
  TO_OVERALL("to_overall"),
  /**
   * Each group against a named reference group, signed: the g − ref (or g / ref) of largest
   * magnitude. Needs a reference group.
   */
  TO_REFERENCE("to_reference");

  private final String key;

  DisparityMethod(String key) {
    this.key = key;
  }

  /**
   * Returns the report name, e.g. {@code between_groups}.
   *
   * @return the key
   */
  public String key() {
    return key;
  }
}
