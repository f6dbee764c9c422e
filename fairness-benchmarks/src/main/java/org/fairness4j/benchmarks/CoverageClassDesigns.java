package org.fairness4j.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairness4j.benchmarks.CoverageDesigns.Design;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;

/**
 * The three-class designs of {@link CoverageDesigns} (session 10, h22a): macro and support-weighted
 * averages from the expected cells. {@code tools/coverage_study.sh TABLES RESAMPLES SEED
 * multiclass}.
 */
final class CoverageClassDesigns {
  private static final FairnessEvaluator MULTICLASS = FairnessEvaluator.builder().build();

  private CoverageClassDesigns() {}

  /**
   * A multiclass (three-class) group of a fixed number of rows: the true class is k with
   * probability prior[k], the prediction j with probability confusion[k][j]. Population values
   * follow from the expected cells prior[k]·confusion[k][j] (a ratio of expected cells, as the
   * report's ratio of counts estimates).
   */
  record ClassGroup(String name, int rows, double[] prior, double[][] confusion) {
    double cell(int t, int p) {
      return prior[t] * confusion[t][p];
    }

    double accuracy() {
      double a = 0;
      for (int k = 0; k < prior.length; k++) {
        a += cell(k, k);
      }
      return a;
    }

    double recall(int k) {
      return confusion[k][k];
    }

    double precision(int k) {
      double col = 0;
      for (int t = 0; t < prior.length; t++) {
        col += cell(t, k);
      }
      return cell(k, k) / col;
    }

    double f1(int k) {
      double fp = 0;
      for (int t = 0; t < prior.length; t++) {
        fp += t == k ? 0 : cell(t, k);
      }
      double tp = cell(k, k);
      double fn = prior[k] - tp;
      return 2 * tp / (2 * tp + fp + fn);
    }

    double macro(java.util.function.IntToDoubleFunction f) {
      double s = 0;
      for (int k = 0; k < prior.length; k++) {
        s += f.applyAsDouble(k);
      }
      return s / prior.length;
    }

    double weighted(java.util.function.IntToDoubleFunction f) {
      double s = 0;
      for (int k = 0; k < prior.length; k++) {
        s += prior[k] * f.applyAsDouble(k);
      }
      return s;
    }

    /** Metric key → population value. */
    Map<String, Double> values() {
      Map<String, Double> v = new LinkedHashMap<>();
      v.put("accuracy", accuracy());
      v.put("macro_recall", macro(this::recall));
      v.put("macro_precision", macro(this::precision));
      v.put("macro_f1", macro(this::f1));
      v.put("weighted_precision", weighted(this::precision));
      v.put("weighted_f1", weighted(this::f1));
      return v;
    }
  }

  /** A multiclass design; the statistics are measured against the first group. */
  record ClassDesign(String name, List<ClassGroup> groups) implements Design {
    @Override
    public FairnessEvaluator evaluator() {
      return MULTICLASS;
    }

    @Override
    public Map<String, Double> truths() {
      Map<String, Double> t = new LinkedHashMap<>();
      Map<String, Double> a = groups.get(0).values();
      Map<String, Double> b = groups.get(1).values();
      a.forEach((k, v) -> t.put("by_group/A/" + k, v));
      for (String k : List.of("accuracy", "macro_recall", "macro_precision", "macro_f1")) {
        t.put("difference/to_reference/B/" + k, b.get(k) - a.get(k));
        t.put("ratio/to_reference/B/" + k, b.get(k) / a.get(k));
      }
      // Session 10 (h22x): the overall values (of the pooled expected cells) and the accuracy gap.
      ClassGroup all = pooled();
      t.put("overall/accuracy", all.accuracy());
      t.put("overall/macro_recall", all.macro(all::recall));
      t.put("overall/macro_precision", all.macro(all::precision));
      if (groups.size() == 2) {
        t.put(
            "difference/between_groups/accuracy", Math.abs(b.get("accuracy") - a.get("accuracy")));
      }
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (ClassGroup g : groups) {
        lo = Math.min(lo, g.values().get("macro_f1"));
        hi = Math.max(hi, g.values().get("macro_f1"));
      }
      t.put("difference/between_groups/macro_f1", hi - lo);
      return t;
    }

    /** The groups' rows as one group: expected cells summed, weighted by the groups' rows. */
    ClassGroup pooled() {
      int k = groups.get(0).prior().length;
      double rows = 0;
      double[][] cells = new double[k][k];
      for (ClassGroup g : groups) {
        rows += g.rows();
        for (int t = 0; t < k; t++) {
          for (int p = 0; p < k; p++) {
            cells[t][p] += g.rows() * g.cell(t, p);
          }
        }
      }
      double[] prior = new double[k];
      double[][] confusion = new double[k][k];
      for (int t = 0; t < k; t++) {
        for (int p = 0; p < k; p++) {
          prior[t] += cells[t][p] / rows;
        }
        for (int p = 0; p < k; p++) {
          confusion[t][p] = cells[t][p] / rows / prior[t];
        }
      }
      return new ClassGroup("all", (int) rows, prior, confusion);
    }

    @Override
    public PredictionTable table(SplittableRandom rng) {
      return CoverageClassDesigns.table(groups, null, rng);
    }
  }

  /**
   * Draws a table of the groups: per row the true class from the prior, the prediction from the
   * confusion row; with {@code shifts} (per group, per class) also one score per class, the shift
   * plus N(0, 1) on the rows of that class and N(0, 1) elsewhere ({@link CoverageClassScores}).
   */
  static PredictionTable table(
      List<ClassGroup> groups, List<double[]> shifts, SplittableRandom rng) {
    List<Integer> y = new ArrayList<>();
    List<Integer> p = new ArrayList<>();
    List<String> g = new ArrayList<>();
    int k = groups.get(0).prior().length;
    List<List<Double>> scores = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      scores.add(new ArrayList<>());
    }
    for (int gi = 0; gi < groups.size(); gi++) {
      ClassGroup group = groups.get(gi);
      for (int i = 0; i < group.rows(); i++) {
        int t = draw(rng, group.prior());
        y.add(t);
        p.add(draw(rng, group.confusion()[t]));
        g.add(group.name());
        for (int c = 0; shifts != null && c < k; c++) {
          scores.get(c).add((c == t ? shifts.get(gi)[c] : 0) + CoverageDesigns.gaussian(rng));
        }
      }
    }
    PredictionTable.Builder b =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1, 2))
            .labels(
                y.stream().mapToInt(Integer::intValue).toArray(),
                p.stream().mapToInt(Integer::intValue).toArray())
            .categorical("g", g.toArray(String[]::new));
    for (int c = 0; shifts != null && c < k; c++) {
      b.scores(
          String.valueOf(c), scores.get(c).stream().mapToDouble(Double::doubleValue).toArray());
    }
    return b.build();
  }

  private static int draw(SplittableRandom rng, double[] probabilities) {
    double u = rng.nextDouble();
    for (int k = 0; k < probabilities.length - 1; k++) {
      u -= probabilities[k];
      if (u < 0) {
        return k;
      }
    }
    return probabilities.length - 1;
  }

  /**
   * Three-class settings: balanced and skewed priors, 50–400 rows per group, a null: {@code
   * tools/coverage_study.sh TABLES RESAMPLES SEED multiclass}.
   */
  static List<Design> multiclassSettings() {
    double[][] good = {{0.8, 0.15, 0.05}, {0.1, 0.75, 0.15}, {0.05, 0.15, 0.8}};
    double[][] fair = {{0.7, 0.2, 0.1}, {0.2, 0.6, 0.2}, {0.1, 0.25, 0.65}};
    double[] balanced = {1 / 3.0, 1 / 3.0, 1 / 3.0};
    double[] skewed = {0.6, 0.3, 0.1};
    List<Design> s = new ArrayList<>();
    s.add(
        new ClassDesign(
            "balanced classes, 200 vs 300",
            List.of(
                new ClassGroup("A", 200, balanced, good),
                new ClassGroup("B", 300, balanced, fair))));
    s.add(
        new ClassDesign(
            "null, skewed classes 0.6/0.3/0.1, 150 vs 150",
            List.of(
                new ClassGroup("A", 150, skewed, good), new ClassGroup("B", 150, skewed, good))));
    s.add(
        new ClassDesign(
            "small groups 50 vs 80, skewed classes",
            List.of(
                new ClassGroup("A", 50, skewed, fair), new ClassGroup("B", 80, balanced, good))));
    s.add(
        new ClassDesign(
            "400 vs 100, skewed vs balanced",
            List.of(
                new ClassGroup("A", 400, skewed, good), new ClassGroup("B", 100, balanced, fair))));
    // Added after the small-class warning (MulticlassCounts) was chosen, to check it on fresh data.
    double[] mid = {0.5, 0.35, 0.15};
    s.add(
        new ClassDesign(
            "fresh: 60 vs 100, classes 0.5/0.35/0.15",
            List.of(new ClassGroup("A", 60, mid, fair), new ClassGroup("B", 100, mid, good))));
    s.add(
        new ClassDesign(
            "fresh: 120 vs 120, classes 0.45/0.35/0.2",
            List.of(
                new ClassGroup("A", 120, new double[] {0.45, 0.35, 0.2}, fair),
                new ClassGroup("B", 120, new double[] {0.45, 0.35, 0.2}, good))));
    return s;
  }

  /** A standard normal draw (Box–Muller on the seeded generator). */
}
