package org.fairness4j.core.policy;

/**
 * The bound of a rule: a value threshold ({@link Kind#AT_MOST}, {@link Kind#AT_LEAST}) or a change
 * threshold against a baseline report ({@link Kind#MAX_WORSENING}: the statistic may be worse than
 * the baseline's by at most {@code value}; worse is larger for differences and gaps, smaller for
 * ratios).
 *
 * @param kind the kind
 * @param value the threshold, or the allowed worsening (at least 0)
 */
public record PolicyBound(Kind kind, double value) {
  /** The kinds of bound. */
  public enum Kind {
    /** The statistic must be at most the value. */
    AT_MOST,
    /** The statistic must be at least the value. */
    AT_LEAST,
    /** The statistic may be worse than the baseline's by at most the value. */
    MAX_WORSENING
  }

  /**
   * Creates a bound.
   *
   * @param kind the kind
   * @param value a finite threshold; for {@link Kind#MAX_WORSENING} at least 0
   * @throws IllegalArgumentException if the value is not finite, or a negative worsening
   */
  public PolicyBound {
    java.util.Objects.requireNonNull(kind, "kind");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a bound must be a finite number: " + value);
    }
    if (kind == Kind.MAX_WORSENING && value < 0) {
      throw new IllegalArgumentException("max-worsening must be at least 0: " + value);
    }
  }

  /**
   * "At most t".
   *
   * @param t the threshold
   * @return the bound
   */
  public static PolicyBound atMost(double t) {
    return new PolicyBound(Kind.AT_MOST, t);
  }

  /**
   * "At least t".
   *
   * @param t the threshold
   * @return the bound
   */
  public static PolicyBound atLeast(double t) {
    return new PolicyBound(Kind.AT_LEAST, t);
  }

  /**
   * "Not worse than the baseline by more than w".
   *
   * @param w the allowed worsening, at least 0
   * @return the bound
   */
  public static PolicyBound maxWorsening(double w) {
    return new PolicyBound(Kind.MAX_WORSENING, w);
  }
}
