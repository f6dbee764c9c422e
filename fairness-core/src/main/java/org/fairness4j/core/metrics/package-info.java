/**
 * Metric definitions and their computation from mergeable sufficient statistics (per-group
 * confusion matrices), plus per-group ROC AUC. Undefined values carry an {@link
 * org.fairness4j.core.metrics.UndefinedReason}.
 */
package org.fairness4j.core.metrics;
