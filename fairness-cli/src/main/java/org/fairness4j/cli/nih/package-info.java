/**
 * The NIH ChestX-ray14 study: metadata loading with its quirks ({@link
 * org.fairness4j.cli.nih.NihMetadata}), the "NIH 6x200" sampling protocol and a patient-disjoint
 * variant ({@link org.fairness4j.cli.nih.NihProtocol}), and the paper's table metrics, faithful and
 * corrected ({@link org.fairness4j.cli.nih.PaperMetrics}).
 */
package org.fairness4j.cli.nih;
