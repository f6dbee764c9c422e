package org.fairness4j.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.bootstrap.GroupBootstrap;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.stats.Interval;
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

  /** A group of a setting: size range, prevalence, TPR, FPR. */
  record Group(String name, int minRows, int maxRows, double prevalence, double tpr, double fpr) {
    double selection() {
      return prevalence * tpr + (1 - prevalence) * fpr;
    }

    double f1() {
      double tp = prevalence * tpr;
      double fp = (1 - prevalence) * fpr;
      double fn = prevalence * (1 - tpr);
      return 2 * tp / (2 * tp + fp + fn);
    }

    double balancedAccuracy() {
      return (tpr + 1 - fpr) / 2;
    }
  }

  /**
   * A simulation setting.
   *
   * @param rho probability that a patient's images copy one another (0: one row per patient)
   * @param cluster whether the analysis resamples patients ({@code --cluster})
   * @param maxImages images per patient are drawn uniformly from 1..maxImages (when rho &gt; 0 or
   *     cluster)
   */
  record Setting(String name, List<Group> groups, double rho, boolean cluster, int maxImages) {
    Setting(String name, List<Group> groups, double rho, boolean cluster) {
      this(name, groups, rho, cluster, 6);
    }
  }

  /** How the intervals were asked for. */
  enum Config {
    /** What {@code metrics --bootstrap N --reference} reports (score intervals for rates). */
    DEFAULT,
    /** Percentile intervals for everything ({@code analytic(false)}). */
    PERCENTILE,
    /** {@code --bootstrap-method bca}, percentile elsewhere where refused. */
    BCA
  }

  /** Coverage tally of one statistic under one configuration. */
  static final class Tally {
    final Map<String, Integer> methods = new LinkedHashMap<>();
    int tables;
    int reported;
    int warned;
    int covered;
    int coveredWarned;
    double width;

    void add(Interval i, boolean warning, double truth) {
      tables++;
      if (i == null) {
        return;
      }
      reported++;
      methods.merge(i.method(), 1, Integer::sum);
      boolean in = i.lower() - 1e-12 <= truth && truth <= i.upper() + 1e-12;
      if (warning) {
        warned++;
        coveredWarned += in ? 1 : 0;
      } else {
        covered += in ? 1 : 0;
        width += i.width();
      }
    }
  }

  private CoverageStudy() {}

  /** The settings of the study; the statistics are measured against the first group. */
  static List<Setting> settings() {
    List<Setting> s = new ArrayList<>();
    s.add(
        new Setting(
            "independent",
            List.of(
                new Group("A", 300, 300, 0.3, 0.70, 0.10),
                new Group("B", 200, 200, 0.3, 0.80, 0.15)),
            0,
            false));
    s.add(
        new Setting(
            "null (equal groups)",
            List.of(
                new Group("A", 200, 200, 0.4, 0.75, 0.12),
                new Group("B", 200, 200, 0.4, 0.75, 0.12),
                new Group("C", 200, 200, 0.4, 0.75, 0.12)),
            0,
            false));
    s.add(
        new Setting(
            "small groups (n = 20–50)",
            List.of(
                new Group("A", 20, 50, 0.5, 0.70, 0.20), new Group("B", 20, 50, 0.5, 0.60, 0.30)),
            0,
            false));
    s.add(
        new Setting(
            "rates near 0/1",
            List.of(
                new Group("A", 150, 150, 0.3, 0.97, 0.02),
                new Group("B", 150, 150, 0.3, 0.99, 0.03)),
            0,
            false));
    List<Group> patients =
        List.of(new Group("A", 60, 60, 0.35, 0.75, 0.12), new Group("B", 60, 60, 0.35, 0.85, 0.10));
    s.add(new Setting("patient-clustered, --cluster", patients, 0.6, true));
    s.add(new Setting("patient-clustered, no --cluster", patients, 0.6, false));
    return s;
  }

  /**
   * Settings the study was not tuned on (other base rates, unequal sizes, three and four groups,
   * other cluster structures): {@code tools/coverage_study.sh TABLES RESAMPLES SEED extended}.
   */
  static List<Setting> extendedSettings() {
    List<Setting> s = new ArrayList<>();
    s.add(
        new Setting(
            "base rate 0.15, unequal sizes 30 vs 300",
            List.of(
                new Group("A", 30, 30, 0.15, 0.80, 0.10),
                new Group("B", 300, 300, 0.15, 0.70, 0.20)),
            0,
            false));
    s.add(
        new Setting(
            "null, unequal sizes 40 vs 400, base rate 0.35",
            List.of(
                new Group("A", 40, 40, 0.35, 0.80, 0.10),
                new Group("B", 400, 400, 0.35, 0.80, 0.10)),
            0,
            false));
    s.add(
        new Setting(
            "base rate 0.92, three groups",
            List.of(
                new Group("A", 200, 200, 0.92, 0.90, 0.30),
                new Group("B", 100, 100, 0.92, 0.85, 0.25),
                new Group("C", 250, 250, 0.92, 0.95, 0.40)),
            0,
            false));
    s.add(
        new Setting(
            "null, four groups, base rate 0.35",
            List.of(
                new Group("A", 150, 150, 0.35, 0.80, 0.10),
                new Group("B", 150, 150, 0.35, 0.80, 0.10),
                new Group("C", 150, 150, 0.35, 0.80, 0.10),
                new Group("D", 150, 150, 0.35, 0.80, 0.10)),
            0,
            false));
    s.add(
        new Setting(
            "small true gap (0.02), 300 vs 300",
            List.of(
                new Group("A", 300, 300, 0.5, 0.80, 0.20),
                new Group("B", 300, 300, 0.5, 0.82, 0.21)),
            0,
            false));
    List<Group> patients =
        List.of(new Group("A", 80, 80, 0.25, 0.70, 0.15), new Group("B", 80, 80, 0.25, 0.80, 0.08));
    s.add(new Setting("clustered 1–8 images, rho 0.9, --cluster", patients, 0.9, true, 8));
    s.add(new Setting("clustered 1–8 images, rho 0.2, --cluster", patients, 0.2, true, 8));
    s.add(new Setting("clusters of one image, --cluster", patients, 0, true, 1));
    return s;
  }

  /**
   * A third set of settings, used by neither earlier session (session 7: other base rates and
   * sizes, few and many clusters, mostly-single clusters, long clusters with strong copying):
   * {@code tools/coverage_study.sh TABLES RESAMPLES SEED fresh}.
   */
  static List<Setting> freshSettings() {
    List<Setting> s = new ArrayList<>();
    s.add(
        new Setting(
            "base rate 0.5, 60 vs 120",
            List.of(
                new Group("A", 60, 60, 0.5, 0.65, 0.25), new Group("B", 120, 120, 0.5, 0.75, 0.18)),
            0,
            false));
    s.add(
        new Setting(
            "base rate 0.2, recall near 0.9, 250 vs 250",
            List.of(
                new Group("A", 250, 250, 0.2, 0.90, 0.06),
                new Group("B", 250, 250, 0.2, 0.93, 0.05)),
            0,
            false));
    s.add(
        new Setting(
            "three groups 80/160/240, base rate 0.6",
            List.of(
                new Group("A", 80, 80, 0.6, 0.72, 0.30),
                new Group("B", 160, 160, 0.6, 0.66, 0.22),
                new Group("C", 240, 240, 0.6, 0.80, 0.35)),
            0,
            false));
    List<Group> many =
        List.of(
            new Group("A", 120, 120, 0.4, 0.70, 0.20), new Group("B", 120, 120, 0.4, 0.78, 0.15));
    s.add(
        new Setting("clustered 1–3 images, rho 0.5, 120 patients, --cluster", many, 0.5, true, 3));
    List<Group> few =
        List.of(new Group("A", 40, 40, 0.45, 0.75, 0.2), new Group("B", 40, 40, 0.45, 0.7, 0.25));
    s.add(
        new Setting("clustered 1–12 images, rho 0.7, 40 patients, --cluster", few, 0.7, true, 12));
    List<Group> mid =
        List.of(
            new Group("A", 100, 100, 0.3, 0.80, 0.12), new Group("B", 100, 100, 0.3, 0.72, 0.1));
    s.add(new Setting("clustered 1–8 images, rho 0.2, 100 patients, --cluster", mid, 0.2, true, 8));
    s.add(new Setting("clustered 1–2 images, rho 0.3, --cluster", mid, 0.3, true, 2));
    s.add(new Setting("clusters of one image, 100 patients, --cluster", mid, 0, true, 1));
    return s;
  }

  /**
   * A fourth set (session 7b), used by no earlier run: small expected confusion counts (the regime
   * where the small-count note used to select tables), small groups, rare positives, a null with
   * rates near 1, and a clustered setting with moderate copying: {@code tools/coverage_study.sh
   * TABLES RESAMPLES SEED smallcounts}.
   */
  static List<Setting> smallCountSettings() {
    List<Setting> s = new ArrayList<>();
    s.add(
        new Setting(
            "recall 0.95-0.97, 100 vs 150 rows, base rate 0.4",
            List.of(
                new Group("A", 100, 100, 0.4, 0.95, 0.04),
                new Group("B", 150, 150, 0.4, 0.97, 0.03)),
            0,
            false));
    s.add(
        new Setting(
            "small groups 30 vs 45, base rate 0.5",
            List.of(
                new Group("A", 30, 30, 0.5, 0.80, 0.10), new Group("B", 45, 45, 0.5, 0.85, 0.15)),
            0,
            false));
    s.add(
        new Setting(
            "rare positives, base rate 0.05, 400 vs 600",
            List.of(
                new Group("A", 400, 400, 0.05, 0.70, 0.10),
                new Group("B", 600, 600, 0.05, 0.80, 0.08)),
            0,
            false));
    s.add(
        new Setting(
            "null, recall 0.92, FPR 0.04, 150 vs 150",
            List.of(
                new Group("A", 150, 150, 0.3, 0.92, 0.04),
                new Group("B", 150, 150, 0.3, 0.92, 0.04)),
            0,
            false));
    List<Group> near1 =
        List.of(new Group("A", 80, 80, 0.35, 0.96, 0.05), new Group("B", 80, 80, 0.35, 0.9, 0.08));
    s.add(
        new Setting(
            "clusters of one image, 80 patients, recall 0.96, --cluster", near1, 0, true, 1));
    List<Group> mid =
        List.of(
            new Group("A", 150, 150, 0.35, 0.78, 0.15), new Group("B", 150, 150, 0.35, 0.7, 0.1));
    s.add(
        new Setting("clustered 1–4 images, rho 0.35, 150 patients, --cluster", mid, 0.35, true, 4));
    return s;
  }

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
    t.put("difference/between_groups/recall", gap(s, Group::tpr));
    t.put("ratio/between_groups/recall", ratio(s, Group::tpr));
    t.put(
        "fairness/equalized_odds_difference/between_groups/worst_case",
        Math.max(gap(s, Group::tpr), gap(s, Group::fpr)));
    t.put("fairness/demographic_parity_difference/between_groups", gap(s, Group::selection));
    return t;
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
    List<Integer> y = new ArrayList<>();
    List<Integer> p = new ArrayList<>();
    List<String> g = new ArrayList<>();
    List<String> ids = new ArrayList<>();
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
  static Map<String, Map<Config, Map<String, Tally>>> run(
      int tables, int resamples, long seed, PrintStream out) {
    return run(settings(), tables, resamples, seed, out);
  }

  /**
   * Runs the study on the given settings.
   *
   * @return setting → configuration → statistic → tally
   */
  static Map<String, Map<Config, Map<String, Tally>>> run(
      List<Setting> settings, int tables, int resamples, long seed, PrintStream out) {
    Map<String, Map<Config, Map<String, Tally>>> all = new LinkedHashMap<>();
    SplittableRandom root = new SplittableRandom(seed);
    // -Dcoverage.configs=DEFAULT (comma-separated) measures only those configurations
    List<Config> configs = new ArrayList<>();
    for (String c : System.getProperty("coverage.configs", "DEFAULT,PERCENTILE,BCA").split(",")) {
      configs.add(Config.valueOf(c.trim()));
    }
    for (Setting s : settings) {
      Map<String, Double> truth = truths(s);
      Map<Config, Map<String, Tally>> byConfig = new LinkedHashMap<>();
      for (Config c : configs) {
        Map<String, Tally> m = new LinkedHashMap<>();
        truth.keySet().forEach(k -> m.put(k, new Tally()));
        byConfig.put(c, m);
      }
      SplittableRandom rng = root.split();
      for (int t = 0; t < tables; t++) {
        PredictionTable table = table(s, rng);
        long bootSeed = rng.nextLong();
        for (Config c : configs) {
          BootstrapResult r =
              GroupBootstrap.builder()
                  .resamples(resamples)
                  .seed(bootSeed)
                  .clustered(s.cluster())
                  .analytic(c == Config.DEFAULT)
                  .method(
                      c == Config.BCA
                          ? GroupBootstrap.Method.BCA
                          : GroupBootstrap.Method.PERCENTILE)
                  .build()
                  .evaluate(EVALUATOR, table, G, GroupKey.of("A"));
          for (Map.Entry<String, Double> e : truth.entrySet()) {
            ReportStatisticId id = ReportStatisticId.parse(e.getKey());
            byConfig
                .get(c)
                .get(e.getKey())
                .add(r.intervals().get(id), !r.unqualified(id), e.getValue());
          }
        }
      }
      all.put(s.name(), byConfig);
      print(s.name(), byConfig, out);
    }
    return all;
  }

  private static void print(
      String setting, Map<Config, Map<String, Tally>> byConfig, PrintStream out) {
    out.println();
    out.println("### " + setting);
    out.println();
    out.println(
        "| statistic | asked for | method | coverage ± SE (no warning, no note) | warned or noted | coverage when warned or noted | mean width |");
    out.println("|---|---|---|---:|---:|---:|---:|");
    for (String stat : byConfig.values().iterator().next().keySet()) {
      for (Config c : byConfig.keySet()) {
        Tally t = byConfig.get(c).get(stat);
        int clean = t.reported - t.warned;
        String method =
            t.methods.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse("none");
        double cov = clean == 0 ? Double.NaN : (double) t.covered / clean;
        double se = clean == 0 ? Double.NaN : Math.sqrt(cov * (1 - cov) / clean);
        out.println(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %d/%d | %s | %s |",
                stat,
                c.name().toLowerCase(Locale.ROOT),
                method,
                clean == 0 ? "—" : String.format(Locale.ROOT, "%.3f ± %.3f", cov, se),
                t.warned,
                t.tables,
                t.warned == 0
                    ? "—"
                    : String.format(Locale.ROOT, "%.3f", (double) t.coveredWarned / t.warned),
                clean == 0 ? "—" : String.format(Locale.ROOT, "%.3f", t.width / clean)));
      }
    }
    out.flush();
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
    List<Setting> settings =
        switch (set) {
          case "extended" -> extendedSettings();
          case "fresh" -> freshSettings();
          case "smallcounts" -> smallCountSettings();
          default -> settings();
        };
    run(settings, tables, resamples, seed, System.out);
  }
}
