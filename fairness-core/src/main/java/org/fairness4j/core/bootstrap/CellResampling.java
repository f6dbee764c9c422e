package org.fairness4j.core.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.ConfusionStatistics;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;

/**
 * The count-cell bootstrap of {@link GroupBootstrap} (unweighted tables without score metrics):
 * each replicate redraws the confusion cells (multinomially, per group when stratified, or whole
 * clusters' cells), so it costs O(cells), not O(rows); BCa's jackknife leaves out one row of a cell
 * (or one cluster) at a time. The intervals are read by {@link BootstrapIntervals}.
 */
final class CellResampling {
  private CellResampling() {}

  static BootstrapResult evaluate(
      BootstrapSettings settings,
      FairnessEvaluator evaluator,
      FeatureSet features,
      List<GroupKey> keys,
      ClassLabels classes,
      ConfusionStatistics stats,
      int[][] clusterCells,
      GroupKey reference) {
    int resamples = settings.resamples();
    GroupBootstrap.Method method = settings.method();
    boolean clustered = settings.clustered();
    int groups = stats.groupCount();
    int k = stats.classCount();
    double[] cells = stats.cells();
    GroupReport originalReport = evaluator.report(features, keys, classes, stats);
    List<GroupKey> groupsOfOriginal = List.copyOf(originalReport.byGroup().keySet());
    Map<ReportStatisticId, Double> original =
        ReportStatistics.of(originalReport, groupsOfOriginal, reference, false);
    List<ReportStatisticId> names = List.copyOf(original.keySet());
    double[][] replicateValues = new double[resamples][];
    RandomGenerator rng = new Well19937c(settings.seed());
    int per = k * k;
    for (int b = 0; b < resamples; b++) {
      double[] draw = new double[cells.length];
      if (clustered) {
        drawClusters(rng, clusterCells, draw);
      } else if (settings.stratified()) {
        for (int g = 0; g < groups; g++) {
          multinomial(rng, cells, g * per, (g + 1) * per, draw);
        }
      } else {
        multinomial(rng, cells, 0, cells.length, draw);
      }
      replicateValues[b] =
          ReportStatistics.values(
              report(evaluator, features, keys, classes, draw, groups, k),
              groupsOfOriginal,
              reference);
    }
    List<double[]> jackCells = new ArrayList<>();
    List<Map<ReportStatisticId, Double>> jackValues = new ArrayList<>();
    // The jackknife's value of the table with the cells in `minus`.
    java.util.function.Function<double[], Map<ReportStatisticId, Double>> leaveOut =
        minus ->
            ReportStatistics.of(
                report(evaluator, features, keys, classes, minus, groups, k),
                groupsOfOriginal,
                reference,
                false);
    if (method == GroupBootstrap.Method.BCA && clustered) {
      // Leave one cluster out; clusters with the same cells give the same value, so each distinct
      // content is evaluated once and weighted by how many clusters have it.
      Map<List<Integer>, Integer> distinct = new LinkedHashMap<>();
      for (int[] flat : clusterCells) {
        distinct.merge(Arrays.stream(flat).boxed().toList(), 1, Integer::sum);
      }
      for (Map.Entry<List<Integer>, Integer> e : distinct.entrySet()) {
        double[] minus = cells.clone();
        List<Integer> flat = e.getKey();
        for (int j = 0; j < flat.size(); j += 2) {
          minus[flat.get(j)] -= flat.get(j + 1);
        }
        jackCells.add(new double[] {-1, e.getValue()});
        jackValues.add(leaveOut.apply(minus));
      }
    } else if (method == GroupBootstrap.Method.BCA) {
      for (int c = 0; c < cells.length; c++) {
        if (cells[c] > 0) {
          double[] minus = cells.clone();
          minus[c] -= 1;
          jackCells.add(new double[] {c, cells[c]});
          jackValues.add(leaveOut.apply(minus));
        }
      }
    }
    return BootstrapIntervals.extract(
        new BootstrapIntervals.Replicates(names, original, replicateValues, jackCells, jackValues),
        settings);
  }

  private static GroupReport report(
      FairnessEvaluator evaluator,
      FeatureSet features,
      List<GroupKey> keys,
      ClassLabels classes,
      double[] cells,
      int groups,
      int k) {
    long[] rows = new long[groups];
    for (int g = 0; g < groups; g++) {
      double s = 0;
      for (int c = g * k * k; c < (g + 1) * k * k; c++) {
        s += cells[c];
      }
      rows[g] = (long) s;
    }
    return evaluator.report(
        features, keys, classes, ConfusionStatistics.ofCounts(groups, k, cells, rows));
  }

  /** Per cluster, the cells of its rows as (cell, count) pairs flattened. */
  static int[][] clusterCells(PredictionTable table, GroupIndex index, int k) {
    List<Map<Integer, Integer>> perCluster = new ArrayList<>();
    for (int c = 0; c < table.clusterCount(); c++) {
      perCluster.add(new java.util.TreeMap<>());
    }
    for (int i = 0; i < table.rowCount(); i++) {
      int g = index.groupOf(i);
      if (g >= 0) {
        int cell = (g * k + table.trueClass(i)) * k + table.predictedClass(i);
        perCluster.get(table.cluster(i)).merge(cell, 1, Integer::sum);
      }
    }
    int[][] out = new int[perCluster.size()][];
    for (int c = 0; c < out.length; c++) {
      int[] flat = new int[2 * perCluster.get(c).size()];
      int j = 0;
      for (Map.Entry<Integer, Integer> e : perCluster.get(c).entrySet()) {
        flat[j++] = e.getKey();
        flat[j++] = e.getValue();
      }
      out[c] = flat;
    }
    return out;
  }

  /** Draws as many clusters as there are, with replacement, and adds up their cells. */
  private static void drawClusters(RandomGenerator rng, int[][] clusterCells, double[] out) {
    int c = clusterCells.length;
    for (int d = 0; d < c; d++) {
      int[] flat = clusterCells[rng.nextInt(c)];
      for (int j = 0; j < flat.length; j += 2) {
        out[flat[j]] += flat[j + 1];
      }
    }
  }

  /** Draws a multinomial of cells[from, to) into out[from, to) by conditional binomials. */
  private static void multinomial(
      RandomGenerator rng, double[] cells, int from, int to, double[] out) {
    double total = 0;
    for (int c = from; c < to; c++) {
      total += cells[c];
    }
    long remaining = (long) total;
    double massLeft = total;
    for (int c = from; c < to && remaining > 0; c++) {
      if (cells[c] == 0) {
        continue;
      }
      double p = Math.min(1, cells[c] / massLeft);
      long x = Binomial.sample(rng, remaining, p);
      out[c] = x;
      remaining -= x;
      massLeft -= cells[c];
    }
  }
}
