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
import org.fairness4j.core.bootstrap.BootstrapResult;
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
  static final FairnessEvaluator EVALUATOR = FairnessEvaluator.builder().positiveLabel("1").build();
  static final FeatureSet G = FeatureSet.of("g");
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

  static double gaussian(SplittableRandom rng) {
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
   * Runs the study on designs, as {@link CoverageStudy#run(List, int, int, long, PrintStream)} does
   * on settings (scores are resampled; weighted tables take the row bootstrap).
   *
   * @return design → configuration → statistic → tally
   */
  static Map<String, Map<Config, Map<String, CoverageTally>>> run(
      List<Design> designs, int tables, int resamples, long seed, PrintStream out) {
    Map<String, Map<Config, Map<String, CoverageTally>>> all = new LinkedHashMap<>();
    SplittableRandom root = new SplittableRandom(seed);
    List<Config> configs = CoverageStudy.configs("DEFAULT,PERCENTILE");
    for (Design d : designs) {
      Map<String, Double> truth = d.truths();
      Map<Config, Map<String, CoverageTally>> byConfig = CoverageStudy.tallies(configs, truth);
      SplittableRandom rng = root.split();
      boolean scores = d instanceof ScoreDesign || d instanceof CoverageClassScores;
      for (int t = 0; t < tables; t++) {
        PredictionTable table = d.table(rng);
        long bootSeed = rng.nextLong();
        for (Config c : configs) {
          BootstrapResult r =
              CoverageStudy.bootstrap(c, resamples, bootSeed)
                  .scores(scores)
                  .build()
                  .evaluate(d.evaluator(), table, G, GroupKey.of("A"));
          CoverageStudy.tally(byConfig.get(c), r, truth);
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
      case "weighted" -> CoverageWeightedDesigns.weightedSettings();
      case "multiclass" -> CoverageClassDesigns.multiclassSettings();
      case "multiclass-scores" -> CoverageClassScores.settings();
      default -> null;
    };
  }
}
