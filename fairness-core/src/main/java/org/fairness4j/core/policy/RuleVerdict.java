package org.fairness4j.core.policy;

/** The outcome of one rule. */
public enum RuleVerdict {
  /** The rule holds under its decision mode. */
  PASSED,
  /** The rule is broken under its decision mode. */
  FAILED,
  /**
   * The rule could not be decided: the statistic, its interval or the baseline value is undefined
   * (the reason says why). An undecidable rule never counts as passed.
   */
  UNDECIDABLE
}
