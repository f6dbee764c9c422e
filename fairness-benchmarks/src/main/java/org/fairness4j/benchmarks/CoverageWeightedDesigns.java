package org.fairness4j.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairness4j.benchmarks.CoverageDesigns.Design;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;

/**
 * The weighted designs of {@link CoverageDesigns} (session 10, h22a): weights that move the rates,
 * true weighted population rates in closed form. {@code tools/coverage_study.sh TABLES RESAMPLES
 * SEED weighted}.
 */
final class CoverageWeightedDesigns {
  private CoverageWeightedDesigns() {}

  /**
   * A weighted group of a fixed number of rows. Each row draws one of the weights with equal
   * probability; with c = k − (K−1)/2 for the k-th of K weights, its label is positive with
   * prevalence + dPrev·c and its prediction positive with tpr + dTpr·c (positives) or fpr
   * (negatives). The weighted population rates are then closed form: recall = Σ w·p·tpr / Σ w·p.
   */
  record WeightedGroup(
      String name,
      int rows,
      double[] weights,
      double prevalence,
      double dPrev,
      double tpr,
      double dTpr,
      double fpr) {
    double prev(int k) {
      return prevalence + dPrev * (k - (weights.length - 1) / 2.0);
    }

    double tprOf(int k) {
      return tpr + dTpr * (k - (weights.length - 1) / 2.0);
    }

    /** Expected weight-sums per row: [w·y·pred, w·y, w·(1−y)·pred, w·(1−y), w·pred, w]. */
    double[] sums() {
      double[] r = new double[6];
      for (int k = 0; k < weights.length; k++) {
        double w = weights[k] / weights.length;
        double p = prev(k);
        r[0] += w * p * tprOf(k);
        r[1] += w * p;
        r[2] += w * (1 - p) * fpr;
        r[3] += w * (1 - p);
        r[4] += w * (p * tprOf(k) + (1 - p) * fpr);
        r[5] += w;
      }
      return r;
    }

    double recall() {
      double[] s = sums();
      return s[0] / s[1];
    }

    double fprW() {
      double[] s = sums();
      return s[2] / s[3];
    }

    /** Weighted population F1 = 2·Σw·TP / (Σw·(TP + FN) + Σw·(TP + FP)). */
    double f1() {
      double[] s = sums();
      return 2 * s[0] / (s[1] + s[4]);
    }

    /** Weighted population balanced accuracy (recall + 1 − FPR) / 2. */
    double balancedAccuracy() {
      return (recall() + 1 - fprW()) / 2;
    }

    double selection() {
      double[] s = sums();
      return s[4] / s[5];
    }
  }

  /** A weighted design; the statistics are measured against the first group. */
  record WeightedDesign(String name, List<WeightedGroup> groups) implements Design {
    @Override
    public Map<String, Double> truths() {
      Map<String, Double> t = new LinkedHashMap<>();
      WeightedGroup a = groups.get(0);
      WeightedGroup b = groups.get(1);
      t.put("by_group/A/recall", a.recall());
      t.put("by_group/A/fpr", a.fprW());
      t.put("by_group/A/selection_rate", a.selection());
      t.put("by_group/B/selection_rate", b.selection());
      t.put("difference/to_reference/B/recall", b.recall() - a.recall());
      t.put("difference/to_reference/B/selection_rate", b.selection() - a.selection());
      t.put("ratio/to_reference/B/selection_rate", b.selection() / a.selection());
      addComposites(t, a, b);
      double sel = 0;
      double w = 0;
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (WeightedGroup g : groups) {
        double[] s = g.sums();
        sel += g.rows() * s[4];
        w += g.rows() * s[5];
        lo = Math.min(lo, g.selection());
        hi = Math.max(hi, g.selection());
      }
      t.put("overall/selection_rate", sel / w);
      addOverallComposites(t);
      t.put("difference/between_groups/selection_rate", hi - lo);
      return t;
    }

    /**
     * F1 and balanced accuracy of group A, and B's difference and ratio to A (session 10, h22w).
     */
    private static void addComposites(Map<String, Double> t, WeightedGroup a, WeightedGroup b) {
      t.put("by_group/A/f1", a.f1());
      t.put("by_group/A/balanced_accuracy", a.balancedAccuracy());
      t.put("difference/to_reference/B/f1", b.f1() - a.f1());
      t.put(
          "difference/to_reference/B/balanced_accuracy",
          b.balancedAccuracy() - a.balancedAccuracy());
      t.put("ratio/to_reference/B/f1", b.f1() / a.f1());
      t.put("ratio/to_reference/B/balanced_accuracy", b.balancedAccuracy() / a.balancedAccuracy());
    }

    /** Overall F1 and balanced accuracy of the pooled rows (session 10, h22w). */
    private void addOverallComposites(Map<String, Double> t) {
      double[] s = new double[6];
      for (WeightedGroup g : groups) {
        double[] gs = g.sums();
        for (int i = 0; i < 6; i++) {
          s[i] += g.rows() * gs[i];
        }
      }
      t.put("overall/f1", 2 * s[0] / (s[1] + s[4]));
      t.put("overall/balanced_accuracy", (s[0] / s[1] + 1 - s[2] / s[3]) / 2);
    }

    @Override
    public PredictionTable table(SplittableRandom rng) {
      List<Integer> y = new ArrayList<>();
      List<Integer> p = new ArrayList<>();
      List<Double> w = new ArrayList<>();
      List<String> g = new ArrayList<>();
      for (WeightedGroup group : groups) {
        for (int i = 0; i < group.rows(); i++) {
          int k = rng.nextInt(group.weights().length);
          int yy = rng.nextDouble() < group.prev(k) ? 1 : 0;
          int pp = rng.nextDouble() < (yy == 1 ? group.tprOf(k) : group.fpr()) ? 1 : 0;
          y.add(yy);
          p.add(pp);
          w.add(group.weights()[k]);
          g.add(group.name());
        }
      }
      return PredictionTable.builder()
          .classes(ClassLabels.ofInts(0, 1))
          .labels(
              y.stream().mapToInt(Integer::intValue).toArray(),
              p.stream().mapToInt(Integer::intValue).toArray())
          .weights(w.stream().mapToDouble(Double::doubleValue).toArray())
          .categorical("g", g.toArray(String[]::new))
          .build();
    }
  }

  /**
   * Weighted settings: survey weights 1–3 and inverse-propensity-like weights 1.25–10, with rates
   * that change with the weight (so weighted and unweighted rates differ): {@code
   * tools/coverage_study.sh TABLES RESAMPLES SEED weighted}.
   */
  static List<Design> weightedSettings() {
    double[] survey = {1, 2, 3};
    double[] ipw = {1.25, 2, 5, 10};
    List<Design> s = new ArrayList<>();
    s.add(
        new WeightedDesign(
            "survey weights 1–3, 200 vs 300",
            List.of(
                new WeightedGroup("A", 200, survey, 0.3, 0.1, 0.7, 0.1, 0.1),
                new WeightedGroup("B", 300, survey, 0.35, 0.05, 0.8, -0.05, 0.15))));
    s.add(
        new WeightedDesign(
            "null, survey weights 1–3, 150 vs 150",
            List.of(
                new WeightedGroup("A", 150, survey, 0.4, 0.1, 0.75, 0.05, 0.12),
                new WeightedGroup("B", 150, survey, 0.4, 0.1, 0.75, 0.05, 0.12))));
    s.add(
        new WeightedDesign(
            "inverse-propensity weights 1.25–10, 250 vs 250",
            List.of(
                new WeightedGroup("A", 250, ipw, 0.3, 0.05, 0.7, 0.05, 0.1),
                new WeightedGroup("B", 250, ipw, 0.3, -0.05, 0.8, 0.03, 0.2))));
    s.add(
        new WeightedDesign(
            "small groups 50 vs 80, survey weights 1–3",
            List.of(
                new WeightedGroup("A", 50, survey, 0.5, 0.1, 0.7, 0.1, 0.2),
                new WeightedGroup("B", 80, survey, 0.5, 0.0, 0.6, 0.0, 0.3))));
    return s;
  }
}
