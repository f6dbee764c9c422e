package org.fairness4j.core.calibration;

import java.util.List;

/**
 * How well the scores of one group (or all rows) are calibrated: Brier score, log loss, expected
 * and maximum calibration error over bins, and the reliability-curve points. Rows are weighted by
 * their sample weights for Brier and log loss; bins count rows.
 *
 * @param rows rows
 * @param brier mean (p − y)²
 * @param logLoss mean −[y log p + (1 − y) log(1 − p)], p clipped to [ε, 1 − ε]
 * @param ece Σ_b (n_b / n) |mean y − mean p| over non-empty bins
 * @param mce max_b |mean y − mean p|
 * @param reliability one point per non-empty bin
 */
public record Calibration(
    long rows, double brier, double logLoss, double ece, double mce, List<Bin> reliability) {
  /**
   * Creates a result.
   *
   * @param rows rows
   * @param brier Brier
   * @param logLoss log loss
   * @param ece ECE
   * @param mce MCE
   * @param reliability points
   */
  public Calibration {
    reliability = List.copyOf(reliability);
  }

  /**
   * One reliability-curve point.
   *
   * @param meanScore mean predicted probability in the bin
   * @param observedRate share of positives in the bin
   * @param count rows in the bin
   */
  public record Bin(double meanScore, double observedRate, long count) {}
}
