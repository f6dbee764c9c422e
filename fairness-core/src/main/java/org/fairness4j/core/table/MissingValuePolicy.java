package org.fairness4j.core.table;

/**
 * What happens to rows whose sensitive attribute value is missing (empty, {@code NA}, {@code N/A},
 * {@code NaN}, {@code null}, {@code None}, case-insensitive), unparseable (not a number for a
 * binned attribute) or out of range (below the first bin edge). Either way the number of affected
 * rows is reported by {@link SensitiveAttribute#missingRows()}.
 */
public enum MissingValuePolicy {
  /**
   * The rows form their own group, named {@value SensitiveAttribute#MISSING_LEVEL}. The default.
   */
  OWN_GROUP,
  /**
   * The rows are left out of every feature set that uses the attribute (and stay in all others);
   * reports give their number as {@code dropped_rows}.
   */
  DROP
}
