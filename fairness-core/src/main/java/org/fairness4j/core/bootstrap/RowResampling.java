package org.fairness4j.core.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.random.SplitMix64;
import org.fairness4j.core.table.PredictionTable;

/**
 * The row (or cluster) bootstrap behind {@link GroupBootstrap} for what the count fast path cannot
 * do: weighted tables (a drawn row brings its weight) and score-based numbers (ROC AUC, macro AUC).
 * Each replicate re-evaluates the report on a resampled table, so it costs O(rows); replicate b
 * draws from its own generator seeded by (seed, b), so the result does not depend on threads.
 */
final class RowResampling {
  /** BCa needs one jackknife report per row or cluster: refuse beyond this many. */
  static final int MAX_JACKKNIFE_UNITS = 20_000;

  private RowResampling() {}

  static BootstrapResult evaluate(
      FairnessEvaluator evaluator,
      PredictionTable table,
      FeatureSet features,
      BootstrapSettings settings,
      GroupKey reference) {
    int resamples = settings.resamples();
    long seed = settings.seed();
    GroupBootstrap.Method method = settings.method();
    boolean stratified = settings.stratified();
    boolean clustered = settings.clustered();
    boolean scores = settings.scores();
    int[][] units = clustered ? clusters(table) : null;
    int[][] strata = stratified ? strata(table, GroupIndex.of(table, features)) : null;
    int unitCount = clustered ? units.length : table.rowCount();
    if (method == GroupBootstrap.Method.BCA && unitCount > MAX_JACKKNIFE_UNITS) {
      throw new IllegalArgumentException(
          "BCa needs a jackknife report per "
              + (clustered ? "cluster" : "row")
              + " ("
              + unitCount
              + " > "
              + MAX_JACKKNIFE_UNITS
              + "); use the percentile method, or the count bootstrap (unweighted, without AUC)");
    }
    GroupReport original = evaluator.evaluate(table, features);
    List<GroupKey> groups = List.copyOf(original.byGroup().keySet());
    Map<ReportStatisticId, Double> estimates =
        ReportStatistics.of(original, groups, reference, scores);
    List<ReportStatisticId> names = List.copyOf(estimates.keySet());
    double[][] replicates =
        IntStream.range(0, resamples)
            .parallel()
            .mapToObj(
                b -> {
                  RandomGenerator rng = new Well19937c(SplitMix64.output(seed, b + 1));
                  int[] rows =
                      clustered
                          ? drawClusters(rng, units)
                          : stratified ? drawStrata(rng, strata) : drawRows(rng, table.rowCount());
                  return values(
                      evaluator, table.select(rows), features, groups, reference, names, scores);
                })
            .toArray(double[][]::new);
    List<double[]> jackWeights = new ArrayList<>();
    List<Map<ReportStatisticId, Double>> jackValues = new ArrayList<>();
    if (method == GroupBootstrap.Method.BCA) {
      List<Map<ReportStatisticId, Double>> each =
          IntStream.range(0, unitCount)
              .parallel()
              .mapToObj(
                  u ->
                      ReportStatistics.of(
                          evaluator.evaluate(
                              table.select(leaveOut(table.rowCount(), units, u)), features),
                          groups,
                          reference,
                          scores))
              .toList();
      for (Map<ReportStatisticId, Double> m : each) {
        jackWeights.add(new double[] {0, 1});
        jackValues.add(m);
      }
    }
    return BootstrapIntervals.extract(
        new BootstrapIntervals.Replicates(names, estimates, replicates, jackWeights, jackValues),
        settings);
  }

  private static double[] values(
      FairnessEvaluator evaluator,
      PredictionTable sample,
      FeatureSet features,
      List<GroupKey> groups,
      GroupKey reference,
      List<ReportStatisticId> names,
      boolean scores) {
    Map<ReportStatisticId, Double> m =
        ReportStatistics.of(evaluator.evaluate(sample, features), groups, reference, scores);
    double[] out = new double[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = m.getOrDefault(names.get(i), Double.NaN);
    }
    return out;
  }

  private static int[] drawRows(RandomGenerator rng, int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = rng.nextInt(n);
    }
    return rows;
  }

  private static int[] drawStrata(RandomGenerator rng, int[][] strata) {
    int n = 0;
    for (int[] s : strata) {
      n += s.length;
    }
    int[] rows = new int[n];
    int k = 0;
    for (int[] s : strata) {
      for (int i = 0; i < s.length; i++) {
        rows[k++] = s[rng.nextInt(s.length)];
      }
    }
    return rows;
  }

  private static int[] drawClusters(RandomGenerator rng, int[][] units) {
    int[][] drawn = new int[units.length][];
    int n = 0;
    for (int i = 0; i < units.length; i++) {
      drawn[i] = units[rng.nextInt(units.length)];
      n += drawn[i].length;
    }
    int[] rows = new int[n];
    int k = 0;
    for (int[] u : drawn) {
      System.arraycopy(u, 0, rows, k, u.length);
      k += u.length;
    }
    return rows;
  }

  /** Every row except row {@code u} (or except cluster {@code u}'s rows). */
  private static int[] leaveOut(int n, int[][] units, int u) {
    boolean[] out = new boolean[n];
    if (units == null) {
      out[u] = true;
    } else {
      for (int r : units[u]) {
        out[r] = true;
      }
    }
    int[] rows = new int[n - (units == null ? 1 : units[u].length)];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (!out[i]) {
        rows[k++] = i;
      }
    }
    return rows;
  }

  /** The rows of each cluster (clusters without rows are left out). */
  private static int[][] clusters(PredictionTable table) {
    int[] count = new int[table.clusterCount()];
    for (int i = 0; i < table.rowCount(); i++) {
      count[table.cluster(i)]++;
    }
    int[][] rows = new int[count.length][];
    for (int c = 0; c < count.length; c++) {
      rows[c] = new int[count[c]];
    }
    int[] fill = new int[count.length];
    for (int i = 0; i < table.rowCount(); i++) {
      int c = table.cluster(i);
      rows[c][fill[c]++] = i;
    }
    return Arrays.stream(rows).filter(r -> r.length > 0).toArray(int[][]::new);
  }

  /** The rows of each group, and one stratum for rows outside every group. */
  private static int[][] strata(PredictionTable table, GroupIndex index) {
    int groups = index.groupCount();
    List<List<Integer>> s = new ArrayList<>();
    for (int g = 0; g <= groups; g++) {
      s.add(new ArrayList<>());
    }
    for (int i = 0; i < table.rowCount(); i++) {
      int g = index.groupOf(i);
      s.get(g < 0 ? groups : g).add(i);
    }
    return s.stream()
        .filter(l -> !l.isEmpty())
        .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
        .toArray(int[][]::new);
  }
}
