package org.fairness4j.core.bootstrap;

import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.group.GroupedStatistics;
import org.fairness4j.core.metrics.ConfusionStatistics;
import org.fairness4j.core.stats.Interval;
import org.fairness4j.core.table.PredictionTable;

/**
 * Bootstrap confidence intervals of every count-based number of a report: per-group metrics,
 * differences, ratios and the named fairness metrics. Because those numbers depend on the rows only
 * through the per-group confusion counts, a row resample is drawn as a multinomial over the count
 * cells (conditional binomials): a replicate costs O(cells), not O(rows). Resampling is over all
 * rows (as Fairlearn's), within each group ({@link Builder#stratified}), or over whole clusters
 * such as patients ({@link Builder#clustered}). Percentile and BCa intervals (BCa's acceleration
 * from the exact jackknife over cells, or over clusters). Seeded: the same seed gives the same
 * intervals.
 *
 * <p>Weighted tables, and score-based numbers (ROC AUC and one-vs-rest macro AUC, {@link
 * Builder#scores}), cannot be drawn from counts: for them the same designs resample rows (or
 * clusters) and re-evaluate each replicate, at O(rows) per replicate. The choice is automatic.
 *
 * <p>Which interval a number gets follows a fixed rule (docs/statistics.md, "Which interval each
 * number gets"), and {@link Interval#method()} names it: rates x/n of a binary unweighted report
 * (and the accuracy and error rate of a multiclass one) get score intervals (modified Wilson;
 * Miettinen–Nurminen for signed differences and ratios to a reference group; tests of |δ| inverted
 * for two-group gaps), effective counts when clustered ({@link Builder#analytic}); F1 and balanced
 * accuracy of a group (and to the reference, and their two-group gap and min/max ratio) score
 * intervals from modified Wilson's, on effective counts when clustered; macro recall and macro
 * precision of a multiclass report (unclustered) MOVER from the per-class modified Wilson
 * intervals; ROC AUC (unclustered, unweighted, with {@link Builder#scores}) DeLong's on the logit
 * scale, and the one-vs-rest macro AUC of a multiclass table likewise from the variance of the mean
 * of its K AUCs; rates of a weighted report Wilson's at Kish's effective size; everything else
 * percentile or BCa, BCa never for extremes over groups (gaps, ratios, fairness metrics), where it
 * under-covers. A replicate in which a statistic is undefined is left out of its interval, the
 * share is reported, and past {@link Builder#maxUndefinedShare} the interval carries a warning
 * ({@link BootstrapResult#warnings()}).
 */
public final class GroupBootstrap {

  /** How intervals are read from the replicates. */
  public enum Method {
    /** The α/2 and 1−α/2 quantiles (linear interpolation, as numpy's default). */
    PERCENTILE,
    /** Bias-corrected and accelerated quantiles (Efron 1987). */
    BCA
  }

  private final BootstrapSettings settings;

  private GroupBootstrap(BootstrapSettings s) {
    this.settings = s;
  }

  /**
   * Returns a bootstrap with these settings.
   *
   * @param settings the settings
   * @return the bootstrap
   */
  public static GroupBootstrap of(BootstrapSettings settings) {
    return new GroupBootstrap(java.util.Objects.requireNonNull(settings, "settings"));
  }

  /**
   * Returns this bootstrap's settings.
   *
   * @return the settings
   */
  public BootstrapSettings settings() {
    return settings;
  }

  /**
   * Returns a builder: 1000 resamples, seed 0, 95%, percentile, unstratified.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Computes the intervals of one feature set's report.
   *
   * @param evaluator the evaluator (positive label, undefined policy)
   * @param table the predictions (weighted tables are resampled by row)
   * @param features the feature set
   * @return the intervals
   * @throws IllegalArgumentException if clustering is asked of a table without clusters, with
   *     stratification, or BCa of a row bootstrap over more than 20,000 rows or clusters
   */
  public BootstrapResult evaluate(
      FairnessEvaluator evaluator, PredictionTable table, FeatureSet features) {
    return evaluate(evaluator, table, features, null);
  }

  /**
   * Computes the intervals of one feature set's report, including every group's signed difference
   * and ratio to a reference group ({@code difference/to_reference/<group>/<metric>}, {@code
   * ratio/to_reference/<group>/<metric>}).
   *
   * @param evaluator the evaluator (positive label, undefined policy)
   * @param table the predictions
   * @param features the feature set
   * @param reference the reference group, or null for none
   * @return the intervals
   * @throws IllegalArgumentException as {@link #evaluate(FairnessEvaluator, PredictionTable,
   *     FeatureSet)}, or if the reference is not a group of the feature set
   */
  public BootstrapResult evaluate(
      FairnessEvaluator evaluator, PredictionTable table, FeatureSet features, GroupKey reference) {
    BootstrapResult raw = resample(evaluator, table, features, reference);
    return IntervalFinish.ofTable(
        settings, raw, evaluator.evaluate(table, features), table, features, reference);
  }

  /**
   * Computes the intervals of one feature set's report from aggregated counts (e.g. merged from
   * Apache Spark partitions): the count-cell bootstrap of {@link #evaluate(FairnessEvaluator,
   * PredictionTable, FeatureSet)}, with the same draws and the same analytic intervals for the same
   * seed and cells. Rows must be unweighted, and score statistics (AUC) are not resampled.
   *
   * @param evaluator the evaluator (positive label, undefined policy)
   * @param statistics the feature set's counts, one per row
   * @param clusterCells for clustered resampling, each cluster's cells as flattened {@code (cell,
   *     rows)} pairs in the order the clusters first appear ({@link
   *     org.fairness4j.core.table.csv.AggregatedTable#clusterCells}); null otherwise
   * @return the intervals
   * @throws IllegalArgumentException if this bootstrap resamples scores, or clustering is asked
   *     without cluster cells or with stratification
   */
  public BootstrapResult evaluate(
      FairnessEvaluator evaluator, GroupedStatistics statistics, int[][] clusterCells) {
    return evaluate(evaluator, statistics, clusterCells, null);
  }

  /**
   * As {@link #evaluate(FairnessEvaluator, GroupedStatistics, int[][])}, with every group's signed
   * difference and ratio to a reference group.
   *
   * @param evaluator the evaluator (positive label, undefined policy)
   * @param statistics the feature set's counts, one per row
   * @param clusterCells each cluster's cells for clustered resampling; null otherwise
   * @param reference the reference group, or null for none
   * @return the intervals
   * @throws IllegalArgumentException as the three-argument form, or if the reference is not a group
   *     of the feature set
   */
  public BootstrapResult evaluate(
      FairnessEvaluator evaluator,
      GroupedStatistics statistics,
      int[][] clusterCells,
      GroupKey reference) {
    if (settings.scores()) {
      throw new IllegalArgumentException(
          "score intervals resample rows; aggregated counts give count intervals only");
    }
    if (settings.clustered() && clusterCells == null) {
      throw new IllegalArgumentException("clustered resampling needs the cells of each cluster");
    }
    if (settings.clustered() && settings.stratified()) {
      throw new IllegalArgumentException("choose clustered or stratified resampling, not both");
    }
    if (reference != null && !statistics.keys().contains(reference)) {
      throw new IllegalArgumentException(
          "reference group " + reference + " is not a group of " + statistics.features());
    }
    int[][] clusters = settings.clustered() ? clusterCells : null;
    BootstrapResult raw =
        CellResampling.evaluate(
            settings,
            evaluator,
            statistics.features(),
            statistics.keys(),
            statistics.classes(),
            statistics.statistics(),
            clusters,
            reference);
    GroupReport original =
        evaluator.report(
            statistics.features(),
            statistics.keys(),
            statistics.classes(),
            statistics.statistics());
    return UnmeasuredDesigns.warn(
        IntervalFinish.apply(
            settings,
            raw,
            original,
            statistics.keys(),
            settings.analytic() ? statistics.statistics() : null,
            clusters,
            reference),
        original,
        false,
        settings.clustered());
  }

  private BootstrapResult resample(
      FairnessEvaluator evaluator, PredictionTable table, FeatureSet features, GroupKey reference) {
    if (reference != null && !GroupIndex.of(table, features).keys().contains(reference)) {
      throw new IllegalArgumentException(
          "reference group " + reference + " is not a group of " + features);
    }
    if (settings.clustered() && !table.isClustered()) {
      throw new IllegalArgumentException("clustered resampling needs a table with cluster ids");
    }
    if (settings.clustered() && settings.stratified()) {
      throw new IllegalArgumentException("choose clustered or stratified resampling, not both");
    }
    if (table.isWeighted() || settings.scores()) {
      return RowResampling.evaluate(evaluator, table, features, settings, reference);
    }
    GroupIndex index = GroupIndex.of(table, features);
    ConfusionStatistics stats = ConfusionStatistics.of(table, index);
    return CellResampling.evaluate(
        settings,
        evaluator,
        features,
        index.keys(),
        table.classes(),
        stats,
        IntervalFinish.clusterCells(settings, table, index, stats),
        reference);
  }

  /** The note on two-group worst-case equalized odds (docs/statistics.md, "Coverage study"). */
  static final String WORST_CASE_NOTE =
      "worst-case equalized odds of two groups combines TPR and FPR intervals made at level"
          + " √confidence each so that it covers when both gaps are small; it is conservative when"
          + " one gap dominates (measured up to 98.5 % at 95 %)";

  /**
   * The warning on every percentile interval of an extreme over groups ({@link
   * BootstrapResult#warning}); callers that document this bias themselves (fairness policies) can
   * recognize it.
   */
  public static final String EXTREME_WARNING =
      "an extreme over groups (max − min, min / max or the farthest group): its percentile interval"
          + " is biased away from no difference and under-covers when groups are close (it never"
          + " contains 0 when they are equal); compare groups with signed differences to a"
          + " reference group (--reference) instead";

  /** Configures a {@link GroupBootstrap}. */
  public static final class Builder {
    private int resamples = 1000;
    private long seed;
    private double confidence = 0.95;
    private Method method = Method.PERCENTILE;
    private boolean stratified;
    private boolean clustered;
    private boolean scores;
    private boolean analytic = true;
    private double maxUndefinedShare = 0.10;

    private Builder() {}

    /**
     * Whether numbers with a measured analytic interval get it instead of the percentile one
     * (default true; docs/statistics.md, "Which interval each number gets"): rates x/n of a binary
     * unweighted report (modified Wilson for a group's or the overall rate, Miettinen–Nurminen for
     * a signed difference or ratio to the reference group, the skew-corrected score test of |δ| for
     * a two-group gap; clustered: Wilson, Newcombe and MOVER on effective counts). With the
     * percentile method also F1 and balanced accuracy of a group, a group's difference and ratio to
     * the reference, and (unclustered) their two-group gap and min/max ratio ({@code
     * wilson-jaccard}, {@code mover-wilson}, {@code mover-wilson-jaccard-folded}, ...; clustered:
     * {@code wilson-jaccard-clustered}, ...); ROC AUC with {@link #scores} ({@code delong-logit});
     * rates of weighted reports ({@code wilson-kish}: Wilson at Kish's effective size). Method
     * names say which. False gives percentile (or BCa) intervals for everything.
     *
     * @param analytic true for score intervals of rates
     * @return this builder
     */
    public Builder analytic(boolean analytic) {
      this.analytic = analytic;
      return this;
    }

    /**
     * Sets the share of replicates in which a statistic may be undefined before its interval is
     * reported as unreliable (default 0.10).
     *
     * @param share in [0, 1]
     * @return this builder
     */
    public Builder maxUndefinedShare(double share) {
      this.maxUndefinedShare = share;
      return this;
    }

    /**
     * Whether to include the score-based numbers, ROC AUC and one-vs-rest macro AUC (default
     * false). They need the rows, so each replicate is a resampled table re-evaluated: O(rows) per
     * replicate instead of O(cells).
     *
     * @param scores true to include them
     * @return this builder
     */
    public Builder scores(boolean scores) {
      this.scores = scores;
      return this;
    }

    /**
     * Resamples whole clusters (e.g. patients, with all their images) instead of rows; the table
     * must carry cluster ids. A replicate then costs O(clusters).
     *
     * @param clustered true to resample clusters
     * @return this builder
     */
    public Builder clustered(boolean clustered) {
      this.clustered = clustered;
      return this;
    }

    /**
     * Sets the number of replicates (default 1000).
     *
     * @param n at least 2
     * @return this builder
     */
    public Builder resamples(int n) {
      this.resamples = n;
      return this;
    }

    /**
     * Sets the seed (default 0).
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the confidence level (default 0.95).
     *
     * @param confidence in (0, 1)
     * @return this builder
     */
    public Builder confidence(double confidence) {
      this.confidence = confidence;
      return this;
    }

    /**
     * Sets the interval method (default percentile).
     *
     * @param method the method
     * @return this builder
     */
    public Builder method(Method method) {
      this.method = java.util.Objects.requireNonNull(method);
      return this;
    }

    /**
     * Resamples within each group, keeping group sizes fixed (default: over all rows).
     *
     * @param stratified true to stratify by group
     * @return this builder
     */
    public Builder stratified(boolean stratified) {
      this.stratified = stratified;
      return this;
    }

    /**
     * Builds the bootstrap.
     *
     * @return the bootstrap
     */
    public GroupBootstrap build() {
      return new GroupBootstrap(
          new BootstrapSettings(
              resamples,
              seed,
              confidence,
              method,
              stratified,
              clustered,
              scores,
              analytic,
              maxUndefinedShare));
    }
  }

  /** The cells of each cluster when resampling is clustered, else null. */
}
