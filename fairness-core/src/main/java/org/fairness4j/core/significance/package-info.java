/**
 * Significance of fairness gaps: chi-square and G tests of error-by-group independence, and seeded
 * permutation tests of any disparity. Combine many with {@link
 * org.fairness4j.core.stats.MultipleTesting}.
 */
package org.fairness4j.core.significance;
