package org.fairness4j.core.metrics;

import java.util.List;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.table.PredictionTable;

/**
 * Per-group ROC AUC of one class's scores, as the (weighted) Mann–Whitney statistic: the
 * probability that a random positive scores above a random negative, ties counting one half. This
 * equals the trapezoidal area under the ROC curve (scikit-learn's {@code roc_auc_score}).
 *
 * <p>A {@link Ranking} sorts the rows by score once (a radix sort on the IEEE bits); {@link
 * Ranking#byGroup} then gives every group and the overall value in one sequential pass, so one
 * ranking serves every feature set. {@link RocAucGroups} serves several feature sets in one pass.
 */
public final class RocAuc {
  private RocAuc() {}

  /**
   * Ranks the rows of a table by the scores of a class.
   *
   * @param scores the score of the positive class per row, finite
   * @param table the table (true classes and weights)
   * @param positiveClass the class index whose rows are positives
   * @return the ranking
   */
  public static Ranking rank(double[] scores, PredictionTable table, int positiveClass) {
    double[] copy = scores.clone(); // byGroup reads the scores again (runs of equal keys)
    return new Ranking(
        ScoreSort.rank(copy, table, positiveClass, null, 0), copy, table, positiveClass);
  }

  /**
   * Returns the row indices sorted by ascending score, ties in row order (-0.0 sorts as 0.0).
   *
   * <p>The 32 most significant bits that vary among the scores' sortable IEEE bits are packed with
   * the row index into one long and radix-sorted (an 11-bit most-significant-digit pass, then
   * cache-resident passes per bucket, constant digits skipped); runs that agree on those 32 bits
   * are then ordered by their full bits. This moves half the data of a full 64-bit key sort and is
   * stable.
   *
   * @param scores finite scores
   * @return row indices in ascending score order
   */
  public static int[] ascendingOrder(double[] scores) {
    return ScoreSort.ascendingOrder(scores);
  }

  /**
   * Rows in ascending score order with their labels and weights, ready for per-group AUC.
   * Immutable.
   */
  public static final class Ranking {
    private final ScoreSort.Sorted sorted;
    private final double[] scores;
    private final PredictionTable table;
    private final int positiveClass;

    private Ranking(
        ScoreSort.Sorted sorted, double[] scores, PredictionTable table, int positiveClass) {
      this.sorted = sorted;
      this.scores = scores;
      this.table = table;
      this.positiveClass = positiveClass;
    }

    /**
     * Computes the AUC of every group and overall.
     *
     * @param index the groups of the rows of the ranked table
     * @return one value per group, then the overall value at index {@code index.groupCount()}
     */
    public MetricValue[] byGroup(GroupIndex index) {
      return RocAucGroups.of(List.of(index)).count(sorted, scores, table, positiveClass).get(0);
    }
  }

  /**
   * An AUC quotient kept in [0, 1]: with weights, the numerator's running sums and the
   * denominator's totals round differently, so a perfectly separated group could come out as
   * 1.0000000000000002 (and differ from another engine's 1.0, changing which group is the max).
   */
  static double bounded(double auc) {
    return Math.min(1.0, Math.max(0.0, auc));
  }
}
