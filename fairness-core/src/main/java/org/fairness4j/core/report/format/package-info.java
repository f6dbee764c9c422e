/**
 * Writers of reports: {@code ReportWriter} (group reports as JSON, CSV, Markdown or HTML) and
 * {@code AuditWriter} (a {@link org.fairness4j.core.report.FairnessAudit} as one HTML page,
 * Markdown, JSON or CSV), both through {@link org.fairness4j.core.io.AtomicFiles}.
 */
package org.fairness4j.core.report.format;
