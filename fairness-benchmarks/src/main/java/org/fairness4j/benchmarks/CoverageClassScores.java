package org.fairness4j.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairness4j.benchmarks.CoverageClassDesigns.ClassDesign;
import org.fairness4j.benchmarks.CoverageClassDesigns.ClassGroup;
import org.fairness4j.benchmarks.CoverageDesigns.Design;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.table.PredictionTable;

/**
 * Three-class designs with scores (session 10, h22x), for the one-vs-rest macro AUC ({@code
 * macro_roc_auc_ovr}): each row carries one score per class, s_k = shift_k + N(0, 1) on the rows of
 * class k and N(0, 1) on the others, independent of each other and of the prediction. The OvR AUC
 * of class k is then P(s_k(pos) &gt; s_k(neg)) = Φ(shift_k / √2) whatever the class shares, and the
 * overall one (positives from groups with different shifts, every negative N(0, 1)) the mean of the
 * groups' Φ(shift_{g,k} / √2) weighted by their expected class-k rows. {@code
 * tools/coverage_study.sh TABLES RESAMPLES SEED multiclass-scores}.
 *
 * @param name the setting
 * @param classes the groups' classes and predictions
 * @param shifts per group the score shift of each class
 */
record CoverageClassScores(String name, List<ClassGroup> classes, List<double[]> shifts)
    implements Design {

  @Override
  public FairnessEvaluator evaluator() {
    return new ClassDesign(name, classes).evaluator();
  }

  @Override
  public Map<String, Double> truths() {
    Map<String, Double> t = new LinkedHashMap<>(new ClassDesign(name, classes).truths());
    double a = macroAuc(0);
    double b = macroAuc(1);
    t.put("by_group/A/macro_roc_auc_ovr", a);
    t.put("difference/to_reference/B/macro_roc_auc_ovr", b - a);
    t.put("ratio/to_reference/B/macro_roc_auc_ovr", b / a);
    int k = classes.get(0).prior().length;
    double sum = 0;
    for (int c = 0; c < k; c++) {
      double w = 0;
      double auc = 0;
      for (int g = 0; g < classes.size(); g++) {
        double rows = classes.get(g).rows() * classes.get(g).prior()[c];
        w += rows;
        auc += rows * auc(shifts.get(g)[c]);
      }
      sum += auc / w;
    }
    t.put("overall/macro_roc_auc_ovr", sum / k);
    return t;
  }

  private double macroAuc(int g) {
    double s = 0;
    for (double shift : shifts.get(g)) {
      s += auc(shift);
    }
    return s / shifts.get(g).length;
  }

  /** Φ(shift / √2): the AUC of N(shift, 1) against N(0, 1). */
  private static double auc(double shift) {
    return 0.5 * org.apache.commons.math3.special.Erf.erfc(-shift / 2);
  }

  @Override
  public PredictionTable table(SplittableRandom rng) {
    return CoverageClassDesigns.table(classes, shifts, rng);
  }

  /** Scored three-class settings: {@code multiclass-scores}. */
  static List<Design> settings() {
    double[][] good = {{0.8, 0.15, 0.05}, {0.1, 0.75, 0.15}, {0.05, 0.15, 0.8}};
    double[][] fair = {{0.7, 0.2, 0.1}, {0.2, 0.6, 0.2}, {0.1, 0.25, 0.65}};
    double[] balanced = {1 / 3.0, 1 / 3.0, 1 / 3.0};
    double[] mid = {0.5, 0.3, 0.2};
    return List.of(
        new CoverageClassScores(
            "scores: balanced classes, 200 vs 300, macro AUC 0.80 vs 0.87",
            List.of(
                new ClassGroup("A", 200, balanced, good), new ClassGroup("B", 300, balanced, fair)),
            List.of(new double[] {1.0, 1.2, 1.4}, new double[] {1.4, 1.6, 1.6})),
        new CoverageClassScores(
            "scores: classes 0.5/0.3/0.2, 120 vs 150, AUC 0.76-0.92",
            List.of(new ClassGroup("A", 120, mid, fair), new ClassGroup("B", 150, mid, good)),
            List.of(new double[] {1.2, 1.0, 2.0}, new double[] {1.2, 1.0, 2.0})),
        new CoverageClassScores(
            "scores: null, balanced classes, 66 vs 90, macro AUC 0.80",
            List.of(
                new ClassGroup("A", 66, balanced, good), new ClassGroup("B", 90, balanced, good)),
            List.of(new double[] {1.0, 1.2, 1.4}, new double[] {1.0, 1.2, 1.4})));
  }
}
