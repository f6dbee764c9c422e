/**
 * Statistics for fairness gaps: analytic confidence intervals of rates and of differences and
 * ratios between groups, multiple-testing corrections, and an exact, order-independent sum of
 * weights ({@link org.fairness4j.core.stats.ExactSum}).
 */
package org.fairness4j.core.stats;
