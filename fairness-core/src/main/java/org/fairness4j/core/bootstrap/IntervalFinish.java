package org.fairness4j.core.bootstrap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.EqualizedOddsAggregation;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.ReportStatisticId;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.ConfusionStatistics;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.PredictionTable;

/**
 * The last step of {@link GroupBootstrap}: score intervals in place of resampling ones where the
 * counts allow ({@link RateIntervals}, {@link CompositeIntervals}, {@link MulticlassIntervals}),
 * and the warnings and notes that depend on the counts ({@link SmallCounts}, {@link
 * MulticlassCounts}, {@link FewClusters}, worst-case equalized odds).
 */
final class IntervalFinish {
  private IntervalFinish() {}

  /**
   * Finishes the replicates of a table: {@link #apply} with the table's counts (none for a weighted
   * table), then the analytic intervals that need the rows: rates of a weighted table at Kish's
   * effective size ({@link WeightedRateIntervals}; F1 and balanced accuracy, {@link
   * WeightedCompositeIntervals}) and, with scores, DeLong's for ROC AUC ({@link AucIntervals});
   * both only unclustered and when analytic intervals are asked for.
   */
  static BootstrapResult ofTable(
      BootstrapSettings settings,
      BootstrapResult raw,
      GroupReport original,
      PredictionTable table,
      FeatureSet features,
      GroupKey reference) {
    GroupReport withRef = reference == null ? original : original.withReference(reference);
    boolean analytic = settings.analytic() && !settings.clustered();
    if (table.isWeighted()) {
      BootstrapResult finished = apply(settings, raw, original, null, null, null, reference);
      GroupIndex weightedIndex = GroupIndex.of(table, features);
      finished =
          analytic
              ? WeightedRateIntervals.apply(
                  finished, withRef, table, weightedIndex, settings.confidence())
              : finished;
      finished =
          analytic && settings.method() == GroupBootstrap.Method.PERCENTILE
              ? WeightedCompositeIntervals.apply(
                  finished, withRef, table, weightedIndex, settings.confidence())
              : finished;
      return UnmeasuredDesigns.warn(finished, original, true, settings.clustered());
    }
    GroupIndex index = GroupIndex.of(table, features);
    ConfusionStatistics stats = ConfusionStatistics.of(table, index);
    BootstrapResult finished =
        apply(
            settings,
            raw,
            original,
            index.keys(),
            settings.analytic() ? stats : null,
            clusterCells(settings, table, index, stats),
            reference);
    if (settings.scores() && analytic) {
      // DeLong in place of the percentile intervals of ROC AUC (AucIntervals), and of the
      // one-vs-rest macro AUC of a multiclass table (MacroAucIntervals)
      finished = AucIntervals.apply(finished, withRef, table, index, settings.confidence());
      if (settings.method() == GroupBootstrap.Method.PERCENTILE) {
        finished = MacroAucIntervals.apply(finished, withRef, table, index, settings.confidence());
      }
    }
    return UnmeasuredDesigns.warn(finished, original, false, settings.clustered());
  }

  /** Each cluster's cells when the bootstrap resamples clusters, else null. */
  static int[][] clusterCells(
      BootstrapSettings settings,
      PredictionTable table,
      GroupIndex index,
      ConfusionStatistics stats) {
    return settings.clustered()
        ? CellResampling.clusterCells(table, index, stats.classCount())
        : null;
  }

  /**
   * Replaces the resampling intervals of rates (and of gaps and ratios between two groups) by
   * analytic ones where the counts ({@code stats}) are given, drops replicate warnings from
   * intervals that do not come from the replicates, and adds the small-count and (clustered)
   * few-cluster warnings and the notes on intervals outside the study's 93–97 %.
   */
  static BootstrapResult apply(
      BootstrapSettings settings,
      BootstrapResult raw,
      GroupReport original,
      List<GroupKey> keys,
      ConfusionStatistics stats,
      int[][] clusterCells,
      GroupKey reference) {
    Map<ReportStatisticId, Interval> intervals = new LinkedHashMap<>(raw.intervals());
    if (reference != null) {
      original = original.withReference(reference);
    }
    if (stats != null) {
      RateIntervals.apply(
          original,
          stats,
          keys,
          clusterCells,
          settings.clustered(),
          settings.confidence(),
          reference,
          ReportStatistics.of(original, settings.scores()),
          intervals);
      if (!settings.clustered() && settings.method() == GroupBootstrap.Method.PERCENTILE) {
        CompositeIntervals.apply(original, reference, settings.confidence(), intervals);
        CompositeGaps.apply(original, settings.confidence(), intervals);
        MulticlassIntervals.apply(original, reference, settings.confidence(), intervals);
      }
      if (settings.clustered()
          && clusterCells != null
          && settings.method() == GroupBootstrap.Method.PERCENTILE) {
        ClusteredCompositeIntervals.apply(
            original, stats, keys, clusterCells, reference, settings.confidence(), intervals);
      }
    }
    Map<ReportStatisticId, String> warnings = new LinkedHashMap<>(raw.warnings());
    for (Map.Entry<ReportStatisticId, Interval> e : intervals.entrySet()) {
      if (!e.getValue().method().startsWith("bootstrap")) {
        // A score interval does not come from the replicates: their warnings do not apply.
        warnings.remove(e.getKey());
      }
    }
    SmallCounts.warn(original, intervals, warnings);
    CompositeGaps.warn(original, intervals, warnings);
    MulticlassCounts.warn(original, intervals, warnings);
    if (settings.clustered() && clusterCells != null && keys != null) {
      FewClusters.warn(original, keys, clusterCells, intervals, warnings);
      ClusteredComposites.warn(clusterCells, intervals, warnings);
    }
    // Reliable but conservative intervals get a note each (and its text once in the notes). Score
    // intervals at small counts get none: a note chosen by an observed count selects the tables
    // whose count came out large, and the unnoted intervals then cover 97–100 % (or as little as
    // 64 %) although the construction covers 92–98 % over all tables at expected counts of at
    // least 1 (docs/statistics.md, "Session 7b").
    Map<ReportStatisticId, String> intervalNotes = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>(raw.notes());
    for (Map.Entry<ReportStatisticId, Interval> e : intervals.entrySet()) {
      if (e.getKey().aggregation() == EqualizedOddsAggregation.WORST_CASE
          && !e.getValue().method().startsWith("bootstrap")) {
        intervalNotes.putIfAbsent(e.getKey(), GroupBootstrap.WORST_CASE_NOTE);
        if (!notes.contains(GroupBootstrap.WORST_CASE_NOTE)) {
          notes.add(GroupBootstrap.WORST_CASE_NOTE);
        }
      }
    }
    return new BootstrapResult(
        raw.resamples(),
        raw.seed(),
        intervals,
        raw.undefinedShare(),
        warnings,
        notes,
        intervalNotes);
  }
}
