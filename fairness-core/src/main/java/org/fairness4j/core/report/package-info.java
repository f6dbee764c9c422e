/**
 * Complete fairness reports: {@link org.fairness4j.core.report.FairnessAudit} gathers group
 * reports, intervals, ROC and calibration curves and the largest gaps; {@link
 * org.fairness4j.core.report.ReportProvenance} records where the numbers came from. {@code
 * org.fairness4j.core.report.format.AuditWriter} writes them as HTML, Markdown, JSON or CSV.
 */
package org.fairness4j.core.report;
