package org.fairness4j.core.roc;

import java.util.Collection;

/**
 * Equity-scaled AUC, in its two published forms: AUC / (1 + Σ_g |AUC_g − AUC|) (Luo et al.,
 * FairCLIP / Harvard-GF) and AUC / (1 + std_g(AUC_g)) (population standard deviation over groups).
 */
public final class EquityScaledAuc {
  private EquityScaledAuc() {}

  /**
   * AUC / (1 + Σ |AUC_g − AUC|).
   *
   * @param overall the overall AUC
   * @param groupAucs the groups' AUCs (defined ones)
   * @return the equity-scaled AUC
   */
  public static double sumOfDeviations(double overall, Collection<Double> groupAucs) {
    double s = 0;
    for (double g : groupAucs) {
      s += Math.abs(g - overall);
    }
    return overall / (1 + s);
  }

  /**
   * AUC / (1 + standard deviation of the groups' AUCs).
   *
   * @param overall the overall AUC
   * @param groupAucs the groups' AUCs (defined ones)
   * @return the equity-scaled AUC
   */
  public static double standardDeviation(double overall, Collection<Double> groupAucs) {
    double mean = groupAucs.stream().mapToDouble(Double::doubleValue).average().orElse(overall);
    double v = 0;
    for (double g : groupAucs) {
      v += (g - mean) * (g - mean);
    }
    return overall / (1 + Math.sqrt(groupAucs.isEmpty() ? 0 : v / groupAucs.size()));
  }
}
