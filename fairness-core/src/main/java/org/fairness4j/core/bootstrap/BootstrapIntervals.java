package org.fairness4j.core.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.stats.Interval;

/**
 * Reads intervals from bootstrap replicates (percentile or BCa quantiles, undefined replicates left
 * out, the warnings on unreliable ones): the interval extraction of {@link GroupBootstrap}, apart
 * from how the replicates are drawn (count cells, clusters or rows).
 */
final class BootstrapIntervals {
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  /**
   * The replicates of a bootstrap.
   *
   * @param names the statistics, in the order of each replicate's values
   * @param original statistic → its value in the original report
   * @param values {@code values[b][s]}: statistic s in replicate b (NaN where undefined)
   * @param jackCells for BCa, per jackknife value {@code [unit, multiplicity]} (empty otherwise)
   * @param jackValues for BCa, the leave-one-out values (empty otherwise)
   */
  record Replicates(
      List<ReportStatisticId> names,
      Map<ReportStatisticId, Double> original,
      double[][] values,
      List<double[]> jackCells,
      List<Map<ReportStatisticId, Double>> jackValues) {}

  private BootstrapIntervals() {}

  /** How every undefined-share warning starts. */
  static final String UNDEFINED_WARNING = "undefined in ";

  /** The note when BCa was asked for and percentile used for extremes over groups. */
  static final String BCA_NOTE =
      "BCa is not used for max − min gaps, differences to the overall value, ratios between"
          + " groups or to the overall value, and fairness metrics (it under-covers there, 80–88 %"
          + " at 95 % in the coverage study): their intervals are percentile.";

  /** The warning on an interval whose replicates all gave one value. */
  static final String DEGENERATE_WARNING =
      "every resample gave the same value (a rate of 0 or 1, say): a resampling interval cannot"
          + " show the uncertainty here";

  /**
   * Reads the intervals from the replicates: {@code replicateValues[b][s]} is statistic {@code
   * names.get(s)} in replicate b (NaN where undefined); for BCa, the jackknife values and their
   * multiplicities ({@link #bca}). The level, method and undefined-share limit are the settings'.
   *
   * <p>A replicate in which a statistic is undefined is left out of that statistic's interval, and
   * the share left out is reported. A disparity (a gap, ratio or fairness metric) counts as
   * undefined in a replicate where any group that entered it in the original report is undefined:
   * it is then a disparity over other groups, not a resample of the same one (two groups, one of
   * them undefined, would otherwise give a gap of 0).
   */
  static BootstrapResult extract(Replicates r, BootstrapSettings settings) {
    int resamples = settings.resamples();
    List<ReportStatisticId> names = r.names();
    Map<ReportStatisticId, Double> original = r.original();
    double[][] replicateValues = r.values();
    double confidence = settings.confidence();
    double maxUndefinedShare = settings.maxUndefinedShare();
    Map<ReportStatisticId, Interval> intervals = new LinkedHashMap<>();
    Map<ReportStatisticId, Double> undefined = new LinkedHashMap<>();
    Map<ReportStatisticId, String> warnings = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    int[][] deps = Dependencies.of(names, original);
    double alpha = 1 - confidence;
    for (int s = 0; s < names.size(); s++) {
      ReportStatisticId statistic = names.get(s);
      double estimate = original.get(statistic);
      double[] all = new double[resamples];
      for (int b = 0; b < resamples; b++) {
        double v = replicateValues[b][s];
        for (int d : deps[s]) {
          if (Double.isNaN(replicateValues[b][d])) {
            v = Double.NaN;
            break;
          }
        }
        all[b] = v;
      }
      double[] defined = Arrays.stream(all).filter(v -> !Double.isNaN(v)).sorted().toArray();
      double share = 1 - (double) defined.length / resamples;
      undefined.put(statistic, share);
      if (Double.isNaN(estimate) || defined.length < 2) {
        continue;
      }
      double lo = alpha / 2;
      double hi = 1 - alpha / 2;
      String name = "bootstrap-percentile";
      // Extremes over groups (max − min, min / max, the group farthest from the overall value, and
      // the fairness metrics built from them): biased percentile intervals, BCa under-covers.
      boolean extreme = statistic.isOverGroups();
      if (settings.method() == GroupBootstrap.Method.BCA && extreme) {
        if (notes.isEmpty()) {
          notes.add(BCA_NOTE);
        }
      } else if (settings.method() == GroupBootstrap.Method.BCA) {
        double[] adjusted = bca(estimate, defined, statistic, r.jackCells(), r.jackValues(), alpha);
        if (adjusted != null) {
          lo = adjusted[0];
          hi = adjusted[1];
          name = "bootstrap-bca";
        }
      }
      intervals.put(
          statistic,
          new Interval(estimate, quantile(defined, lo), quantile(defined, hi), confidence, name));
      if (share > maxUndefinedShare) {
        warnings.put(
            statistic,
            UNDEFINED_WARNING
                + Math.round(share * 1000) / 10.0
                + " % of the replicates (more than "
                + Math.round(maxUndefinedShare * 1000) / 10.0
                + " %): the interval describes only the resamples in which it is defined");
      } else if (defined[0] == defined[defined.length - 1]) {
        warnings.put(statistic, DEGENERATE_WARNING);
      } else if (extreme) {
        warnings.put(statistic, GroupBootstrap.EXTREME_WARNING);
      }
    }
    return new BootstrapResult(resamples, settings.seed(), intervals, undefined, warnings, notes);
  }

  /**
   * BCa quantile levels, or null when the bias correction is infinite or undefined. {@code
   * jackCells.get(j)[1]} is how many jackknife units share the leave-out value {@code
   * jackValues.get(j)}.
   */
  static double[] bca(
      double estimate,
      double[] sorted,
      ReportStatisticId statistic,
      List<double[]> jackCells,
      List<Map<ReportStatisticId, Double>> jackValues,
      double alpha) {
    long below = Arrays.stream(sorted).filter(v -> v < estimate).count();
    double share = (double) below / sorted.length;
    if (share <= 0 || share >= 1) {
      return null;
    }
    double z0 = NORMAL.inverseCumulativeProbability(share);
    double n = 0;
    double mean = 0;
    for (int j = 0; j < jackCells.size(); j++) {
      double v = jackValues.get(j).getOrDefault(statistic, Double.NaN);
      if (Double.isNaN(v)) {
        return null;
      }
      n += jackCells.get(j)[1];
      mean += jackCells.get(j)[1] * v;
    }
    mean /= n;
    double num = 0;
    double den = 0;
    for (int j = 0; j < jackCells.size(); j++) {
      double d = mean - jackValues.get(j).get(statistic);
      double w = jackCells.get(j)[1];
      num += w * d * d * d;
      den += w * d * d;
    }
    double a = den == 0 ? 0 : num / (6 * Math.pow(den, 1.5));
    double zl = NORMAL.inverseCumulativeProbability(alpha / 2);
    double zh = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
    return new double[] {
      NORMAL.cumulativeProbability(z0 + (z0 + zl) / (1 - a * (z0 + zl))),
      NORMAL.cumulativeProbability(z0 + (z0 + zh) / (1 - a * (z0 + zh)))
    };
  }

  /** numpy's default (linear) quantile of sorted values. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    if (i >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
  }
}
