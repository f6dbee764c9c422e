/**
 * Statistics for fairness gaps: analytic confidence intervals of rates and of differences and
 * ratios between groups, and multiple-testing corrections.
 */
package org.fairness4j.core.stats;
