package org.fairness4j.core.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.table.PredictionTable;

/**
 * Calibration of the positive class's scores, overall and by group, and the gaps between groups.
 * Binned errors use equal-width bins on [0, 1] ({@code min(floor(p·B), B − 1)}) or equal-mass bins
 * (rows sorted by score, split like {@code numpy.array_split}). Values equal scikit-learn's Brier
 * and log loss and the plain ECE/MCE definition ({@code tools/make_calibration_golden.py}).
 *
 * @param overall all rows of the feature set
 * @param byGroup non-empty groups
 */
public record GroupCalibration(Calibration overall, Map<GroupKey, Calibration> byGroup) {
  private static final double EPS = Math.ulp(1.0);

  /** How bins are formed. */
  public enum Binning {
    /** B bins of width 1/B. */
    EQUAL_WIDTH,
    /** B bins with (nearly) the same number of rows. */
    EQUAL_MASS
  }

  /**
   * Creates a result.
   *
   * @param overall overall
   * @param byGroup by group
   */
  public GroupCalibration {
    byGroup = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byGroup));
  }

  /**
   * Computes calibration by group.
   *
   * @param table predictions with scores for the positive label in [0, 1]
   * @param features the groups
   * @param positiveLabel the class whose score is a probability
   * @param bins number of bins, at least 1
   * @param binning equal width or equal mass
   * @return the calibration
   * @throws IllegalArgumentException if the positive label has no scores or a score is outside [0,
   *     1]
   */
  public static GroupCalibration of(
      PredictionTable table, FeatureSet features, String positiveLabel, int bins, Binning binning) {
    if (bins < 1) {
      throw new IllegalArgumentException("at least one bin");
    }
    double[] scores = table.scores(positiveLabel);
    int positive = table.classes().require(positiveLabel);
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] < 0 || scores[i] > 1) {
        throw new IllegalArgumentException(
            "row " + i + ": score " + scores[i] + " is not a probability");
      }
    }
    GroupIndex index = GroupIndex.of(table, features);
    List<List<Integer>> members = new ArrayList<>();
    for (int g = 0; g < index.groupCount(); g++) {
      members.add(new ArrayList<>());
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < table.rowCount(); i++) {
      int g = index.groupOf(i);
      if (g >= 0) {
        members.get(g).add(i);
        all.add(i);
      }
    }
    Map<GroupKey, Calibration> byGroup = new LinkedHashMap<>();
    for (int g = 0; g < index.groupCount(); g++) {
      if (!members.get(g).isEmpty()) {
        byGroup.put(
            index.keys().get(g), one(table, scores, positive, members.get(g), bins, binning));
      }
    }
    return new GroupCalibration(one(table, scores, positive, all, bins, binning), byGroup);
  }

  private static Calibration one(
      PredictionTable t, double[] s, int positive, List<Integer> rows, int bins, Binning binning) {
    double w = 0;
    double brier = 0;
    double log = 0;
    for (int r : rows) {
      double y = t.trueClass(r) == positive ? 1 : 0;
      double p = s[r];
      double weight = t.weight(r);
      w += weight;
      brier += weight * (p - y) * (p - y);
      double c = Math.min(1 - EPS, Math.max(EPS, p));
      log -= weight * (y * Math.log(c) + (1 - y) * Math.log(1 - c));
    }
    List<int[]> parts = new ArrayList<>();
    if (binning == Binning.EQUAL_MASS) {
      int[] sorted =
          rows.stream()
              .sorted(Comparator.comparingDouble(r -> s[r]))
              .mapToInt(Integer::intValue)
              .toArray();
      int n = sorted.length;
      int base = n / bins;
      int extra = n % bins;
      int at = 0;
      for (int b = 0; b < bins; b++) {
        int size = base + (b < extra ? 1 : 0);
        parts.add(Arrays.copyOfRange(sorted, at, at + size));
        at += size;
      }
    } else {
      List<List<Integer>> byBin = new ArrayList<>();
      IntStream.range(0, bins).forEach(b -> byBin.add(new ArrayList<>()));
      for (int r : rows) {
        byBin.get(Math.min((int) (s[r] * bins), bins - 1)).add(r);
      }
      byBin.forEach(l -> parts.add(l.stream().mapToInt(Integer::intValue).toArray()));
    }
    List<Calibration.Bin> points = new ArrayList<>();
    double ece = 0;
    double mce = 0;
    long n = rows.size();
    for (int[] part : parts) {
      if (part.length == 0) {
        continue;
      }
      double sp = 0;
      double sy = 0;
      for (int r : part) {
        sp += s[r];
        sy += t.trueClass(r) == positive ? 1 : 0;
      }
      double meanP = sp / part.length;
      double meanY = sy / part.length;
      double gap = Math.abs(meanY - meanP);
      ece += (double) part.length / n * gap;
      mce = Math.max(mce, gap);
      points.add(new Calibration.Bin(meanP, meanY, part.length));
    }
    return new Calibration(n, brier / w, log / w, ece, mce, points);
  }

  /**
   * The largest minus the smallest group ECE.
   *
   * @return the ECE gap between groups
   */
  public double eceGap() {
    return gap(Calibration::ece);
  }

  /**
   * The largest minus the smallest group Brier score.
   *
   * @return the Brier gap between groups
   */
  public double brierGap() {
    return gap(Calibration::brier);
  }

  private double gap(java.util.function.ToDoubleFunction<Calibration> f) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Calibration c : byGroup.values()) {
      lo = Math.min(lo, f.applyAsDouble(c));
      hi = Math.max(hi, f.applyAsDouble(c));
    }
    return byGroup.isEmpty() ? Double.NaN : hi - lo;
  }
}
