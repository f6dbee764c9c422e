package org.fairness4j.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.fairness4j.benchmarks.CoverageStudy.Config;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.bootstrap.GroupBootstrap;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;

/**
 * The coverage designs beyond binary, unweighted tables without scores (session 10, h22a): scored
 * tables (binormal scores, true ROC AUC in closed form) and weighted tables (weights that change
 * the rates, true weighted population rates in closed form) and three-class tables (macro and
 * weighted averages from the expected cells). {@code tools/coverage_study.sh TABLES RESAMPLES SEED
 * scores|weighted|multiclass}.
 */
final class CoverageDesigns {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();
  private static final FairnessEvaluator MULTICLASS = FairnessEvaluator.builder().build();
  private static final FeatureSet G = FeatureSet.of("g");
  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  private CoverageDesigns() {}

  /** A design: its name, and per table its truths and a table drawn from it. */
  interface Design {
    String name();

    /** Statistic key → true value. */
    Map<String, Double> truths();

    PredictionTable table(SplittableRandom rng);

    /** How the tables are evaluated (binary with positive label "1" unless overridden). */
    default FairnessEvaluator evaluator() {
      return EVALUATOR;
    }
  }

  /**
   * A scored group: rows drawn uniformly from minRows..maxRows, each positive with the prevalence;
   * negatives score N(0, 1), positives N(μ, σ) with μ = Φ⁻¹(auc)·√(1 + σ²), so the true ROC AUC is
   * Φ(μ/√(1+σ²)) = auc. The prediction is score &gt; 1.
   */
  record ScoreGroup(
      String name, int minRows, int maxRows, double prevalence, double auc, double sd) {
    double mu() {
      return NORMAL.inverseCumulativeProbability(auc) * Math.sqrt(1 + sd * sd);
    }
  }

  /** A scored design; the statistics are measured against the first group. */
  record ScoreDesign(String name, List<ScoreGroup> groups) implements Design {
    @Override
    public Map<String, Double> truths() {
      Map<String, Double> t = new LinkedHashMap<>();
      ScoreGroup a = groups.get(0);
      ScoreGroup b = groups.get(1);
      t.put("by_group/A/roc_auc", a.auc());
      t.put("by_group/B/roc_auc", b.auc());
      t.put("difference/to_reference/B/roc_auc", b.auc() - a.auc());
      t.put("ratio/to_reference/B/roc_auc", b.auc() / a.auc());
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      double positives = 0;
      double pooled = 0;
      boolean fixed = true;
      for (ScoreGroup g : groups) {
        lo = Math.min(lo, g.auc());
        hi = Math.max(hi, g.auc());
        fixed &= g.minRows() == g.maxRows();
        positives += g.minRows() * g.prevalence();
        pooled += g.minRows() * g.prevalence() * g.auc();
      }
      t.put("difference/between_groups/roc_auc", hi - lo);
      if (fixed) {
        // Every negative is N(0, 1): the pooled AUC is the positives' share-weighted group AUC.
        t.put("overall/roc_auc", pooled / positives);
      }
      return t;
    }

    @Override
    public PredictionTable table(SplittableRandom rng) {
      List<Integer> y = new ArrayList<>();
      List<Double> s = new ArrayList<>();
      List<String> g = new ArrayList<>();
      for (ScoreGroup group : groups) {
        int n = group.minRows() + rng.nextInt(group.maxRows() - group.minRows() + 1);
        double mu = group.mu();
        for (int i = 0; i < n; i++) {
          boolean pos = rng.nextDouble() < group.prevalence();
          double z = gaussian(rng);
          y.add(pos ? 1 : 0);
          s.add(pos ? mu + group.sd() * z : z);
          g.add(group.name());
        }
      }
      int[] yy = y.stream().mapToInt(Integer::intValue).toArray();
      double[] ss = s.stream().mapToDouble(Double::doubleValue).toArray();
      int[] pp = new int[yy.length];
      for (int i = 0; i < pp.length; i++) {
        pp[i] = ss[i] > 1 ? 1 : 0;
      }
      return PredictionTable.builder()
          .classes(ClassLabels.ofInts(0, 1))
          .labels(yy, pp)
          .scores("1", ss)
          .categorical("g", g.toArray(String[]::new))
          .build();
    }
  }

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
      t.put("difference/between_groups/selection_rate", hi - lo);
      return t;
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
      for (String k : List.of("accuracy", "macro_recall", "macro_f1")) {
        t.put("difference/to_reference/B/" + k, b.get(k) - a.get(k));
        t.put("ratio/to_reference/B/" + k, b.get(k) / a.get(k));
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

    @Override
    public PredictionTable table(SplittableRandom rng) {
      List<Integer> y = new ArrayList<>();
      List<Integer> p = new ArrayList<>();
      List<String> g = new ArrayList<>();
      for (ClassGroup group : groups) {
        for (int i = 0; i < group.rows(); i++) {
          int t = draw(rng, group.prior());
          y.add(t);
          p.add(draw(rng, group.confusion()[t]));
          g.add(group.name());
        }
      }
      return PredictionTable.builder()
          .classes(ClassLabels.ofInts(0, 1, 2))
          .labels(
              y.stream().mapToInt(Integer::intValue).toArray(),
              p.stream().mapToInt(Integer::intValue).toArray())
          .categorical("g", g.toArray(String[]::new))
          .build();
    }
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
  private static double gaussian(SplittableRandom rng) {
    double u = 1 - rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  /**
   * Scored settings: group sizes 40–500, few positives (8–15 in a group), true AUCs 0.6–0.95,
   * unequal score spreads, a null: {@code tools/coverage_study.sh TABLES RESAMPLES SEED scores}.
   */
  static List<Design> scoreSettings() {
    List<Design> s = new ArrayList<>();
    s.add(
        new ScoreDesign(
            "AUC 0.75 vs 0.85, 200 vs 300, base rate 0.3",
            List.of(
                new ScoreGroup("A", 200, 200, 0.3, 0.75, 1.0),
                new ScoreGroup("B", 300, 300, 0.3, 0.85, 1.0))));
    s.add(
        new ScoreDesign(
            "null AUC 0.8, 150 vs 150, base rate 0.4, σ 1.5",
            List.of(
                new ScoreGroup("A", 150, 150, 0.4, 0.8, 1.5),
                new ScoreGroup("B", 150, 150, 0.4, 0.8, 1.5))));
    s.add(
        new ScoreDesign(
            "few positives: 100 rows at base rate 0.1 (AUC 0.7) vs 400 (AUC 0.8)",
            List.of(
                new ScoreGroup("A", 100, 100, 0.1, 0.7, 1.0),
                new ScoreGroup("B", 400, 400, 0.1, 0.8, 1.0))));
    s.add(
        new ScoreDesign(
            "AUC 0.95 vs 0.9, 60 vs 500, base rate 0.25, σ 0.7",
            List.of(
                new ScoreGroup("A", 60, 60, 0.25, 0.95, 0.7),
                new ScoreGroup("B", 500, 500, 0.25, 0.9, 0.7))));
    s.add(
        new ScoreDesign(
            "small groups 40–80, base rate 0.4, AUC 0.6 vs 0.65",
            List.of(
                new ScoreGroup("A", 40, 80, 0.4, 0.6, 1.0),
                new ScoreGroup("B", 40, 80, 0.4, 0.65, 1.0))));
    s.add(
        new ScoreDesign(
            "null, three groups of 120, base rate 0.2, AUC 0.9",
            List.of(
                new ScoreGroup("A", 120, 120, 0.2, 0.9, 1.0),
                new ScoreGroup("B", 120, 120, 0.2, 0.9, 1.0),
                new ScoreGroup("C", 120, 120, 0.2, 0.9, 1.0))));
    return s;
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

  /**
   * Runs the study on designs, as {@link CoverageStudy#run(List, int, int, long, PrintStream)} does
   * on settings (scores are resampled; weighted tables take the row bootstrap).
   *
   * @return design → configuration → statistic → tally
   */
  static Map<String, Map<Config, Map<String, CoverageTally>>> run(
      List<Design> designs, int tables, int resamples, long seed, PrintStream out) {
    Map<String, Map<Config, Map<String, CoverageTally>>> all = new LinkedHashMap<>();
    SplittableRandom root = new SplittableRandom(seed);
    List<Config> configs = new ArrayList<>();
    for (String c : System.getProperty("coverage.configs", "DEFAULT,PERCENTILE").split(",")) {
      configs.add(Config.valueOf(c.trim()));
    }
    for (Design d : designs) {
      Map<String, Double> truth = d.truths();
      Map<Config, Map<String, CoverageTally>> byConfig = new LinkedHashMap<>();
      for (Config c : configs) {
        Map<String, CoverageTally> m = new LinkedHashMap<>();
        truth.keySet().forEach(k -> m.put(k, new CoverageTally()));
        byConfig.put(c, m);
      }
      SplittableRandom rng = root.split();
      boolean scores = d instanceof ScoreDesign;
      for (int t = 0; t < tables; t++) {
        PredictionTable table = d.table(rng);
        long bootSeed = rng.nextLong();
        for (Config c : configs) {
          BootstrapResult r =
              GroupBootstrap.builder()
                  .resamples(resamples)
                  .seed(bootSeed)
                  .scores(scores)
                  .analytic(c == Config.DEFAULT)
                  .method(
                      c == Config.BCA
                          ? GroupBootstrap.Method.BCA
                          : GroupBootstrap.Method.PERCENTILE)
                  .build()
                  .evaluate(d.evaluator(), table, G, GroupKey.of("A"));
          for (Map.Entry<String, Double> e : truth.entrySet()) {
            ReportStatisticId id = ReportStatisticId.parse(e.getKey());
            byConfig
                .get(c)
                .get(e.getKey())
                .add(r.intervals().get(id), !r.unqualified(id), e.getValue());
          }
        }
      }
      all.put(d.name(), byConfig);
      CoverageTally.print(d.name(), byConfig, out);
    }
    return all;
  }

  /**
   * A design set by name, or null when the name is not one of these.
   *
   * @param set {@code scores} or {@code weighted}
   * @return its designs, or null
   */
  static List<Design> named(String set) {
    return switch (set) {
      case "scores" -> scoreSettings();
      case "weighted" -> weightedSettings();
      case "multiclass" -> multiclassSettings();
      default -> null;
    };
  }
}
