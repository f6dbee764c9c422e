package org.fairness4j.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.bootstrap.GroupBootstrap;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.MetricValue;
import org.fairness4j.core.metrics.RocAucSums;
import org.fairness4j.core.table.csv.AggregatedTable;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.RowGrouper;

/**
 * The steps every engine that aggregates instead of holding the rows shares ({@link
 * StreamingFairnessEvaluator}, the Spark module's evaluator): which classes are ranked for ROC AUC,
 * how the per-group AUC sums and the joint-cell counts become {@link GroupReport}s, and the
 * count-cell bootstrap of unweighted tables. An engine supplies only how it aggregates and ranks,
 * so all engines assemble the same reports the same way.
 */
public final class AggregatedEvaluation {
  private AggregatedEvaluation() {}

  /**
   * Ranks one scored class's rows by score and sums the per-group ROC AUC.
   *
   * @param <E> what ranking may throw (an I/O error of a streamed source, or none)
   */
  @FunctionalInterface
  public interface ScoreRanker<E extends Exception> {
    /**
     * Ranks a score column.
     *
     * @param scoreColumn the index of the score column in {@link AggregatedTable#scoreLabels()}
     * @param positiveClass the class index whose rows are positives
     * @param grouper the row → group mapping of the feature sets
     * @return one set of AUC sums per feature set, in order
     * @throws E if the rows cannot be read
     */
    RocAucSums[] rank(int scoreColumn, int positiveClass, RowGrouper grouper) throws E;
  }

  /**
   * Aggregates the rows into their joint cells.
   *
   * @param <E> what aggregating may throw
   */
  @FunctionalInterface
  public interface Aggregation<E extends Exception> {
    /**
     * Aggregates the rows.
     *
     * @param withClusters whether to also gather each cluster's cells
     * @return the aggregated table
     * @throws E if the rows cannot be read
     */
    AggregatedTable aggregate(boolean withClusters) throws E;
  }

  /**
   * Computes one report per feature set from an aggregated table and a ranker of its score columns:
   * the positive label's score column for a binary report, every class's that has one for a
   * multiclass report.
   *
   * @param <E> what ranking may throw
   * @param evaluator the report settings
   * @param table the joint-cell counts of all rows
   * @param featureSets the feature sets
   * @param ranker ranks a score column
   * @return the reports, in order
   * @throws E if ranking fails
   * @throws IllegalArgumentException if the positive label is not a class
   */
  public static <E extends Exception> List<GroupReport> reports(
      FairnessEvaluator evaluator,
      AggregatedTable table,
      List<FeatureSet> featureSets,
      ScoreRanker<E> ranker)
      throws E {
    List<String> wanted = evaluator.positiveLabel().map(List::of).orElse(table.classes().asList());
    for (String label : wanted) {
      table.classes().require(label);
    }
    RowGrouper grouper = table.grouper(featureSets);
    List<Map<String, MetricValue[]>> auc = new ArrayList<>();
    for (int f = 0; f < featureSets.size(); f++) {
      auc.add(new HashMap<>());
    }
    for (String label : wanted) {
      int s = table.scoreLabels().indexOf(label);
      if (s < 0) {
        continue;
      }
      RocAucSums[] sums = ranker.rank(s, table.classes().indexOf(label), grouper);
      for (int f = 0; f < featureSets.size(); f++) {
        auc.get(f).put(label, sums[f].values());
      }
    }
    List<GroupReport> reports = new ArrayList<>();
    for (int f = 0; f < featureSets.size(); f++) {
      reports.add(evaluator.evaluate(table.statistics(featureSets.get(f)), auc.get(f)));
    }
    return reports;
  }

  /**
   * Computes count-cell bootstrap intervals (clusters aggregated first when the spec has a cluster
   * column), equal to the in-memory engine's for the same seed and references.
   *
   * @param <E> what aggregating may throw
   * @param evaluator the report settings
   * @param spec the table's columns (weights are refused)
   * @param featureSets the feature sets
   * @param bootstrap the bootstrap (without score intervals)
   * @param references the reference group of some feature sets (signed differences and ratios to it
   *     get intervals too); feature sets not in the map have none
   * @param aggregation aggregates the rows
   * @return one result per feature set, in order
   * @throws E if aggregating fails
   * @throws IllegalArgumentException if the spec has weights (weighted rows are resampled by row,
   *     which needs the rows), or a reference is not a group of its feature set
   */
  public static <E extends Exception> List<BootstrapResult> bootstrap(
      FairnessEvaluator evaluator,
      CsvTableSpec spec,
      List<FeatureSet> featureSets,
      GroupBootstrap bootstrap,
      Map<FeatureSet, GroupKey> references,
      Aggregation<E> aggregation)
      throws E {
    if (spec.weightColumn() != null) {
      throw new IllegalArgumentException(
          "the bootstrap of weighted rows resamples rows; engines that aggregate the rows"
              + " resample unweighted counts only");
    }
    boolean clusters = spec.clusterColumn() != null;
    AggregatedTable table = aggregation.aggregate(clusters);
    List<BootstrapResult> out = new ArrayList<>();
    for (FeatureSet fs : featureSets) {
      out.add(
          bootstrap.evaluate(
              evaluator,
              table.statistics(fs),
              clusters ? table.clusterCells(fs) : null,
              references.get(fs)));
    }
    return out;
  }

  /**
   * Returns the reports with their feature set's reference group, where one is given.
   *
   * @param reports the reports
   * @param references feature set → reference group
   * @return new list; reports without a reference unchanged
   * @throws IllegalArgumentException if a reference is not a group of its report
   */
  public static List<GroupReport> withReferences(
      List<GroupReport> reports, Map<FeatureSet, GroupKey> references) {
    List<GroupReport> out = new ArrayList<>(reports.size());
    for (GroupReport r : reports) {
      GroupKey ref = references.get(r.features());
      out.add(ref == null ? r : r.withReference(ref));
    }
    return out;
  }
}
