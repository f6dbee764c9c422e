/** Calibration of scores by group: Brier, log loss, binned ECE/MCE and reliability curves. */
package org.fairness4j.core.calibration;
