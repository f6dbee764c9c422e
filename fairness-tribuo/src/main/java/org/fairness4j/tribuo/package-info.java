/**
 * Fairness evaluation for Tribuo classification models.
 *
 * <p>{@link org.fairness4j.tribuo.TribuoTableSpec} turns Tribuo predictions into a Fairness4J
 * prediction table, reading sensitive attributes from example metadata; {@link
 * org.fairness4j.tribuo.TribuoFairnessEvaluator} is a Tribuo {@code Evaluator} returning {@link
 * org.fairness4j.tribuo.TribuoFairnessEvaluation}s. Depend on {@code
 * org.fairness4j:fairness-tribuo}; fairness-core itself does not depend on Tribuo.
 */
package org.fairness4j.tribuo;
