package org.fairness4j.examples.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fairness4j.cli.nih.PaperMetrics;
import org.fairness4j.cli.nih.PaperTables;
import org.fairness4j.core.stats.MultipleTesting;

/**
 * Uncertainty of the paper's numbers (corrected variant) on the test images: a patient-clustered
 * percentile bootstrap interval for every metric of a run, and paired comparisons between two
 * strategies of one model on the same images — the change of a metric, its paired bootstrap
 * interval (the same resampled patients for both), and a permutation p-value (each patient's
 * predictions swapped between the two strategies with probability 1/2), Holm-adjusted across all
 * comparisons of the study. Seeded: the same seed gives the same intervals and p-values.
 */
final class PaperIntervals {
  /** The interval's coverage. */
  static final double LEVEL = 0.95;

  /** Permutations per comparison. */
  static final int PERMUTATIONS = 2000;

  /** The metrics compared between strategies. */
  static final List<String> COMPARED =
      List.of("accuracy", "dF1_age", "dF1_gender", "EqOdds_age", "EqOdds_gender");

  /**
   * A percentile interval.
   *
   * @param lo lower end (NaN when fewer than half the resamples define the metric)
   * @param hi upper end
   */
  record Bounds(double lo, double hi) {}

  /**
   * One paired comparison.
   *
   * @param model the model
   * @param base the reference strategy
   * @param other the compared strategy
   * @param metric the metric column
   * @param delta metric(other) − metric(base)
   * @param ci its paired bootstrap interval
   * @param p two-sided permutation p-value
   * @param pHolm Holm-adjusted across every comparison of the study
   */
  record Comparison(
      String model,
      String base,
      String other,
      String metric,
      double delta,
      Bounds ci,
      double p,
      double pHolm) {}

  private PaperIntervals() {}

  /** Rows of each patient, patients in order of first appearance. */
  static List<int[]> clusters(String[] patients) {
    Map<String, List<Integer>> m = new LinkedHashMap<>();
    for (int i = 0; i < patients.length; i++) {
      m.computeIfAbsent(patients[i], k -> new ArrayList<>()).add(i);
    }
    List<int[]> out = new ArrayList<>();
    m.values().forEach(l -> out.add(l.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }

  private static int[] resample(List<int[]> clusters, SplittableRandom rng) {
    List<Integer> rows = new ArrayList<>();
    for (int c = 0; c < clusters.size(); c++) {
      for (int r : clusters.get(rng.nextInt(clusters.size()))) {
        rows.add(r);
      }
    }
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }

  private static PaperMetrics.Input subset(PaperMetrics.Input in, int[] rows) {
    int n = rows.length;
    int[] y = new int[n];
    double[][] p = new double[n][];
    int[] a = new int[n];
    String[] s = new String[n];
    for (int i = 0; i < n; i++) {
      y[i] = in.yTrue()[rows[i]];
      p[i] = in.probabilities()[rows[i]];
      a[i] = in.ages()[rows[i]];
      s[i] = in.sexes()[rows[i]];
    }
    return new PaperMetrics.Input(y, p, null, a, s);
  }

  private static double[] corrected(PaperMetrics.Input in) {
    return PaperTables.values(PaperMetrics.compute(in, PaperMetrics.Variant.CORRECTED));
  }

  /**
   * Percentile bootstrap intervals, resampling patients, of every corrected metric (in {@link
   * PaperTables#metricColumns} order).
   *
   * @param in the run's predictions (logits unused)
   * @param patients patient id per row
   * @param resamples bootstrap resamples
   * @param seed seed
   * @return one interval per metric column
   */
  static List<Bounds> intervals(
      PaperMetrics.Input in, String[] patients, int resamples, long seed) {
    List<int[]> cl = clusters(patients);
    SplittableRandom rng = new SplittableRandom(seed);
    int k = PaperTables.metricColumns().size();
    double[][] v = new double[k][resamples];
    for (int b = 0; b < resamples; b++) {
      double[] m = corrected(subset(in, resample(cl, rng)));
      for (int c = 0; c < k; c++) {
        v[c][b] = m[c];
      }
    }
    List<Bounds> out = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      out.add(percentile(v[c]));
    }
    return out;
  }

  /** The central {@link #LEVEL} percentile interval of the defined values (numpy's linear rule). */
  static Bounds percentile(double[] values) {
    double[] d = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (d.length == 0 || d.length * 2 < values.length) {
      return new Bounds(Double.NaN, Double.NaN);
    }
    return new Bounds(quantile(d, (1 - LEVEL) / 2), quantile(d, 1 - (1 - LEVEL) / 2));
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /**
   * Paired comparisons: for each model, every strategy against the reference (zero-shot when run,
   * else the first strategy), on {@link #COMPARED}.
   *
   * @param runs model, strategy and predictions of each run, in study order
   * @param inputs the runs' metric inputs, in the same order (same test images)
   * @param patients patient id per test row
   * @param resamples bootstrap resamples
   * @param seed seed
   * @return the comparisons, Holm-adjusted together
   */
  static List<Comparison> compare(
      List<StudyRunner.Run> runs,
      List<PaperMetrics.Input> inputs,
      String[] patients,
      int resamples,
      long seed) {
    List<int[]> cl = clusters(patients);
    List<String> cols = PaperTables.metricColumns();
    List<Comparison> raw = new ArrayList<>();
    List<String> models = runs.stream().map(StudyRunner.Run::model).distinct().toList();
    for (String model : models) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        if (runs.get(i).model().equals(model)) {
          idx.add(i);
        }
      }
      int base =
          idx.stream()
              .filter(i -> runs.get(i).strategy().equals(StudyRunner.ZERO_SHOT))
              .findFirst()
              .orElse(idx.get(0));
      for (int o : idx) {
        if (o == base) {
          continue;
        }
        PaperMetrics.Input a = inputs.get(base);
        PaperMetrics.Input b = inputs.get(o);
        double[] ma = corrected(a);
        double[] mb = corrected(b);
        SplittableRandom rng = new SplittableRandom(seed * 31 + o);
        double[][] boot = new double[COMPARED.size()][resamples];
        for (int r = 0; r < resamples; r++) {
          int[] rows = resample(cl, rng);
          double[] xa = corrected(subset(a, rows));
          double[] xb = corrected(subset(b, rows));
          for (int m = 0; m < COMPARED.size(); m++) {
            int c = cols.indexOf(COMPARED.get(m));
            boot[m][r] = xb[c] - xa[c];
          }
        }
        int[] extreme = new int[COMPARED.size()];
        for (int r = 0; r < PERMUTATIONS; r++) {
          double[][] pa = new double[a.yTrue().length][];
          double[][] pb = new double[a.yTrue().length][];
          for (int[] patient : cl) {
            boolean swap = rng.nextBoolean();
            for (int row : patient) {
              pa[row] = (swap ? b : a).probabilities()[row];
              pb[row] = (swap ? a : b).probabilities()[row];
            }
          }
          double[] xa = corrected(new PaperMetrics.Input(a.yTrue(), pa, null, a.ages(), a.sexes()));
          double[] xb = corrected(new PaperMetrics.Input(a.yTrue(), pb, null, a.ages(), a.sexes()));
          for (int m = 0; m < COMPARED.size(); m++) {
            int c = cols.indexOf(COMPARED.get(m));
            double obs = Math.abs(mb[c] - ma[c]);
            if (Math.abs(xb[c] - xa[c]) >= obs - 1e-12) {
              extreme[m]++;
            }
          }
        }
        for (int m = 0; m < COMPARED.size(); m++) {
          int c = cols.indexOf(COMPARED.get(m));
          raw.add(
              new Comparison(
                  model,
                  runs.get(base).strategy(),
                  runs.get(o).strategy(),
                  COMPARED.get(m),
                  mb[c] - ma[c],
                  percentile(boot[m]),
                  (1.0 + extreme[m]) / (1.0 + PERMUTATIONS),
                  Double.NaN));
        }
      }
    }
    double[] p = raw.stream().mapToDouble(Comparison::p).toArray();
    double[] adj = p.length == 0 ? p : MultipleTesting.holm(p);
    List<Comparison> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Comparison c = raw.get(i);
      out.add(
          new Comparison(
              c.model(), c.base(), c.other(), c.metric(), c.delta(), c.ci(), c.p(), adj[i]));
    }
    return out;
  }
}
