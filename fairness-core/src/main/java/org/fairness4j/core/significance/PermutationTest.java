package org.fairness4j.core.significance;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.ConfusionStatistics;
import org.fairness4j.core.table.PredictionTable;

/**
 * A permutation test of a disparity: the group labels are shuffled (seeded) among the rows in a
 * group, the report recomputed, and the p-value is (1 + #{|permuted| ≥ |observed|}) / (1 + P).
 * Under "no association between group and outcome" every shuffle is equally likely, so the test is
 * exact up to Monte Carlo error. Each permutation costs one pass over the rows.
 *
 * @param observed the disparity on the real groups
 * @param pValue the two-sided permutation p-value
 * @param permutations the number of shuffles
 * @param seed the seed
 */
public record PermutationTest(double observed, double pValue, int permutations, long seed) {

  /**
   * Runs the test.
   *
   * @param evaluator the evaluator (positive label, undefined policy)
   * @param table the predictions
   * @param features the feature set whose groups are shuffled
   * @param statistic the disparity to test, e.g. {@code r -> r.difference(RECALL,
   *     BETWEEN_GROUPS).value()}
   * @param permutations number of shuffles, at least 1
   * @param seed the seed
   * @return the test; the p-value is NaN when the observed statistic is undefined
   */
  public static PermutationTest run(
      FairnessEvaluator evaluator,
      PredictionTable table,
      FeatureSet features,
      ToDoubleFunction<GroupReport> statistic,
      int permutations,
      long seed) {
    if (permutations < 1) {
      throw new IllegalArgumentException("at least one permutation");
    }
    GroupIndex index = GroupIndex.of(table, features);
    List<GroupKey> keys = index.keys();
    ConfusionStatistics stats = ConfusionStatistics.of(table, index);
    double observed =
        statistic.applyAsDouble(evaluator.report(features, keys, table.classes(), stats));
    if (Double.isNaN(observed)) {
      return new PermutationTest(observed, Double.NaN, permutations, seed);
    }
    int n = table.rowCount();
    int[] rows = new int[n];
    int[] labels = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      int g = index.groupOf(i);
      if (g >= 0) {
        rows[m] = i;
        labels[m++] = g;
      }
    }
    int k = table.classes().size();
    SplittableRandom rng = new SplittableRandom(seed);
    int extreme = 0;
    for (int p = 0; p < permutations; p++) {
      for (int i = m - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = labels[i];
        labels[i] = labels[j];
        labels[j] = t;
      }
      ConfusionStatistics.Accumulator acc = new ConfusionStatistics.Accumulator(keys.size(), k);
      for (int i = 0; i < m; i++) {
        int r = rows[i];
        acc.add(labels[i], table.trueClass(r), table.predictedClass(r), table.weight(r));
      }
      double v =
          statistic.applyAsDouble(evaluator.report(features, keys, table.classes(), acc.build()));
      if (!Double.isNaN(v) && Math.abs(v) >= Math.abs(observed) - 1e-12) {
        extreme++;
      }
    }
    return new PermutationTest(
        observed, (1.0 + extreme) / (1.0 + permutations), permutations, seed);
  }
}
