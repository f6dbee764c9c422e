package org.fairness4j.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.fairness4j.benchmarks.CoverageSettings.Group;
import org.fairness4j.benchmarks.CoverageSettings.Setting;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.bootstrap.GroupBootstrap;
import org.fairness4j.core.bootstrap.UndeclaredClusters;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;

/**
 * Measures the coverage of the intervals {@code metrics --bootstrap} reports: simulated tables with
 * known true rates, each analysed as the CLI would, and the share of intervals that contain the
 * truth, ± its binomial standard error. Not a JMH benchmark and not a test: run it with {@code
 * tools/coverage_study.sh} (see docs/statistics.md).
 *
 * <p>Each row of a table belongs to a group; its true label is positive with the group's prevalence
 * and its prediction positive with the group's TPR (positives) or FPR (negatives). In clustered
 * settings rows come from patients with 1–6 images each and, with probability rho, all of a
 * patient's images copy the first one's label and prediction: the per-image rates are then the same
 * as without clusters (so the truth stays in closed form) but the images are not independent.
 */
public final class CoverageStudy {
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();
  private static final FeatureSet G = FeatureSet.of("g");

  /** How the intervals were asked for. */
  enum Config {
    /** What {@code metrics --bootstrap N --reference} reports (score intervals for rates). */
    DEFAULT,
    /** Percentile intervals for everything ({@code analytic(false)}). */
    PERCENTILE,
    /** {@code --bootstrap-method bca}, percentile elsewhere where refused. */
    BCA
  }

  private CoverageStudy() {}

  /** The statistics measured in a setting, each with its true value. */
  static Map<String, Double> truths(Setting s) {
    Map<String, Double> t = new LinkedHashMap<>();
    Group a = s.groups().get(0);
    Group b = s.groups().get(1);
    t.put("by_group/A/recall", a.tpr());
    t.put("by_group/A/fpr", a.fpr());
    t.put("by_group/A/selection_rate", a.selection());
    t.put("by_group/A/f1", a.f1());
    t.put("by_group/A/balanced_accuracy", a.balancedAccuracy());
    t.put("difference/to_reference/B/recall", b.tpr() - a.tpr());
    t.put("difference/to_reference/B/fpr", b.fpr() - a.fpr());
    t.put("difference/to_reference/B/selection_rate", b.selection() - a.selection());
    t.put("ratio/to_reference/B/recall", b.tpr() / a.tpr());
    t.put("ratio/to_reference/B/selection_rate", b.selection() / a.selection());
    t.put("difference/to_reference/B/f1", b.f1() - a.f1());
    t.put(
        "difference/to_reference/B/balanced_accuracy", b.balancedAccuracy() - a.balancedAccuracy());
    t.put("ratio/to_reference/B/f1", b.f1() / a.f1());
    t.put("ratio/to_reference/B/balanced_accuracy", b.balancedAccuracy() / a.balancedAccuracy());
    t.put("difference/between_groups/recall", gap(s, Group::tpr));
    t.put("ratio/between_groups/recall", ratio(s, Group::tpr));
    t.put(
        "fairness/equalized_odds_difference/between_groups/worst_case",
        Math.max(gap(s, Group::tpr), gap(s, Group::fpr)));
    t.put("fairness/demographic_parity_difference/between_groups", gap(s, Group::selection));
    compositeGaps(s, t);
    overall(s, t);
    return t;
  }

  /** The max − min gap and min / max ratio of F1 and balanced accuracy. */
  private static void compositeGaps(Setting s, Map<String, Double> t) {
    t.put("difference/between_groups/f1", gap(s, Group::f1));
    t.put("ratio/between_groups/f1", ratio(s, Group::f1));
    t.put("difference/between_groups/balanced_accuracy", gap(s, Group::balancedAccuracy));
    t.put("ratio/between_groups/balanced_accuracy", ratio(s, Group::balancedAccuracy));
  }

  /**
   * Overall F1 and balanced accuracy, where every group has a fixed number of rows (one per
   * patient): from the expected pooled confusion cells.
   */
  private static void overall(Setting s, Map<String, Double> t) {
    double tp = 0;
    double fn = 0;
    double fp = 0;
    double tn = 0;
    for (Group g : s.groups()) {
      if (g.minRows() != g.maxRows() || s.rho() > 0 || s.cluster()) {
        return;
      }
      double n = g.minRows();
      tp += n * g.prevalence() * g.tpr();
      fn += n * g.prevalence() * (1 - g.tpr());
      fp += n * (1 - g.prevalence()) * g.fpr();
      tn += n * (1 - g.prevalence()) * (1 - g.fpr());
    }
    t.put("overall/f1", 2 * tp / (2 * tp + fp + fn));
    t.put("overall/balanced_accuracy", (tp / (tp + fn) + tn / (tn + fp)) / 2);
  }

  private static double gap(Setting s, Function<Group, Double> f) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Group g : s.groups()) {
      lo = Math.min(lo, f.apply(g));
      hi = Math.max(hi, f.apply(g));
    }
    return hi - lo;
  }

  private static double ratio(Setting s, Function<Group, Double> f) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Group g : s.groups()) {
      lo = Math.min(lo, f.apply(g));
      hi = Math.max(hi, f.apply(g));
    }
    return lo / hi;
  }

  /** One simulated table of a setting. */
  static PredictionTable table(Setting s, SplittableRandom rng) {
    return table(s, rng, new ArrayList<>());
  }

  /** One simulated table of a setting; its patient ids (one per row) are added to {@code ids}. */
  static PredictionTable table(Setting s, SplittableRandom rng, List<String> ids) {
    List<Integer> y = new ArrayList<>();
    List<Integer> p = new ArrayList<>();
    List<String> g = new ArrayList<>();
    int patient = 0;
    for (Group group : s.groups()) {
      int units = group.minRows() + rng.nextInt(group.maxRows() - group.minRows() + 1);
      for (int u = 0; u < units; u++) {
        int images = s.rho() > 0 || s.cluster() ? 1 + rng.nextInt(s.maxImages()) : 1;
        boolean copy = rng.nextDouble() < s.rho();
        int fy = -1;
        int fp = -1;
        for (int k = 0; k < images; k++) {
          int yy;
          int pp;
          if (copy && k > 0) {
            yy = fy;
            pp = fp;
          } else {
            yy = rng.nextDouble() < group.prevalence() ? 1 : 0;
            pp = rng.nextDouble() < (yy == 1 ? group.tpr() : group.fpr()) ? 1 : 0;
            fy = yy;
            fp = pp;
          }
          y.add(yy);
          p.add(pp);
          g.add(group.name());
          ids.add("P" + patient);
        }
        patient++;
      }
    }
    PredictionTable.Builder b =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(0, 1))
            .labels(
                y.stream().mapToInt(Integer::intValue).toArray(),
                p.stream().mapToInt(Integer::intValue).toArray())
            .categorical("g", g.toArray(String[]::new));
    if (s.cluster()) {
      b.clusters(ids.toArray(String[]::new));
    }
    return b.build();
  }

  /**
   * Runs the study.
   *
   * @param tables simulated tables per setting
   * @param resamples bootstrap resamples per interval
   * @param seed the seed of everything
   * @param out where the Markdown table goes
   * @return setting → configuration → statistic → tally
   */
  static Map<String, Map<Config, Map<String, CoverageTally>>> run(
      int tables, int resamples, long seed, PrintStream out) {
    return run(CoverageSettings.main(), tables, resamples, seed, out);
  }

  /**
   * Runs the study on the given settings.
   *
   * @return setting → configuration → statistic → tally
   */
  static Map<String, Map<Config, Map<String, CoverageTally>>> run(
      List<Setting> settings, int tables, int resamples, long seed, PrintStream out) {
    Map<String, Map<Config, Map<String, CoverageTally>>> all = new LinkedHashMap<>();
    SplittableRandom root = new SplittableRandom(seed);
    List<Config> configs = configs("DEFAULT,PERCENTILE,BCA");
    for (Setting s : settings) {
      Map<String, Double> truth = truths(s);
      Map<Config, Map<String, CoverageTally>> byConfig = tallies(configs, truth);
      SplittableRandom rng = root.split();
      for (int t = 0; t < tables; t++) {
        List<String> ids = new ArrayList<>();
        PredictionTable table = table(s, rng, ids);
        // Without clusters, a table whose patient column repeats a value gets the warning that
        // `metrics` puts on every interval then (UndeclaredClusters): what a user is shown.
        Optional<String> undeclared =
            s.cluster()
                ? Optional.empty()
                : UndeclaredClusters.check("patient_id", ids.toArray(String[]::new));
        long bootSeed = rng.nextLong();
        for (Config c : configs) {
          BootstrapResult r =
              bootstrap(c, resamples, bootSeed)
                  .clustered(s.cluster())
                  .build()
                  .evaluate(EVALUATOR, table, G, GroupKey.of("A"));
          if (undeclared.isPresent()) {
            r = r.withWarning(undeclared.get());
          }
          tally(byConfig.get(c), r, truth);
        }
      }
      all.put(s.name(), byConfig);
      CoverageTally.print(s.name(), byConfig, out);
    }
    return all;
  }

  /**
   * The configurations to measure: {@code -Dcoverage.configs} (comma-separated, e.g. {@code
   * DEFAULT}), else {@code fallback}.
   */
  static List<Config> configs(String fallback) {
    List<Config> configs = new ArrayList<>();
    for (String c : System.getProperty("coverage.configs", fallback).split(",")) {
      configs.add(Config.valueOf(c.trim()));
    }
    return configs;
  }

  /** An empty tally per configuration and statistic of {@code truth}. */
  static Map<Config, Map<String, CoverageTally>> tallies(
      List<Config> configs, Map<String, Double> truth) {
    Map<Config, Map<String, CoverageTally>> byConfig = new LinkedHashMap<>();
    for (Config c : configs) {
      Map<String, CoverageTally> m = new LinkedHashMap<>();
      truth.keySet().forEach(k -> m.put(k, new CoverageTally()));
      byConfig.put(c, m);
    }
    return byConfig;
  }

  /** The bootstrap of a configuration: analytic intervals for DEFAULT, BCa for BCA. */
  static GroupBootstrap.Builder bootstrap(Config c, int resamples, long seed) {
    return GroupBootstrap.builder()
        .resamples(resamples)
        .seed(seed)
        .analytic(c == Config.DEFAULT)
        .method(c == Config.BCA ? GroupBootstrap.Method.BCA : GroupBootstrap.Method.PERCENTILE);
  }

  /** Adds one table's intervals to the tallies of its configuration. */
  static void tally(
      Map<String, CoverageTally> byStatistic, BootstrapResult r, Map<String, Double> truth) {
    for (Map.Entry<String, Double> e : truth.entrySet()) {
      ReportStatisticId id = ReportStatisticId.parse(e.getKey());
      byStatistic.get(e.getKey()).add(r.intervals().get(id), !r.unqualified(id), e.getValue());
    }
  }

  /**
   * Runs the study: {@code [tables [resamples [seed [extended|fresh]]]]} (default 200 1000 1;
   * {@code extended} runs {@link #extendedSettings()}, {@code fresh} {@link #freshSettings()}
   * instead of the main settings).
   *
   * @param args optional tables, resamples, seed, settings set
   */
  public static void main(String[] args) {
    int tables = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int resamples = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    System.out.println(
        "Coverage at 95 % nominal: "
            + tables
            + " tables per setting, "
            + resamples
            + " resamples, seed "
            + seed);
    String set = args.length > 3 ? args[3] : "main";
    List<CoverageDesigns.Design> designs = CoverageDesigns.named(set);
    if (designs != null) {
      CoverageDesigns.run(designs, tables, resamples, seed, System.out);
      return;
    }
    List<Setting> settings = CoverageSettings.named(set);
    run(settings, tables, resamples, seed, System.out);
  }
}
