/**
 * Fairness policies: rules over a report's statistics (value thresholds on differences, ratios and
 * named fairness metrics, "no group more than X below overall", change thresholds against a stored
 * baseline report), decided on the point estimate or on a confidence interval, and the result of
 * checking predictions against them ({@link org.fairness4j.core.policy.PolicyResult}), written as
 * text, Markdown or JUnit XML. See {@code docs/fairness-checks.md}.
 */
package org.fairness4j.core.policy;
