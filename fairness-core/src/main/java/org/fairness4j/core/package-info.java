/**
 * Fairness4J's entry points: {@link org.fairness4j.core.FairnessEvaluator} computes a {@link
 * org.fairness4j.core.GroupReport} per feature set — group metrics, min/max with the group that
 * produced them, differences and ratios ({@link org.fairness4j.core.DisparityMethod}) and the named
 * fairness metrics ({@link org.fairness4j.core.FairnessMetrics}). Undefined values are NaN with a
 * reason, never silently 0 (see {@link org.fairness4j.core.metrics.UndefinedPolicy}).
 */
package org.fairness4j.core;
