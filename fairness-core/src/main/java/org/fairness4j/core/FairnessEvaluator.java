package org.fairness4j.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.fairness4j.core.group.AttributeSummary;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupIndex;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.group.GroupedStatistics;
import org.fairness4j.core.metrics.ConfusionStatistics;
import org.fairness4j.core.metrics.MetricValue;
import org.fairness4j.core.metrics.RocAuc;
import org.fairness4j.core.metrics.RocAucGroups;
import org.fairness4j.core.metrics.UndefinedPolicy;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;

/**
 * Computes {@link GroupReport}s: the group metrics, disparities and fairness metrics of a {@link
 * PredictionTable} for one or more feature sets. With a positive label the report is binary (a
 * multiclass table is reduced one-vs-rest); without one it is multiclass, with a binary report per
 * class. Immutable and thread-safe.
 *
 * <pre>{@code
 * FairnessEvaluator evaluator = FairnessEvaluator.builder().positiveLabel("1").build();
 * GroupReport report = evaluator.evaluate(table, FeatureSet.of("sex", "age"));
 * double gap = report.fairness()
 *     .equalizedOddsDifference(DisparityMethod.BETWEEN_GROUPS, EqualizedOddsAggregation.WORST_CASE)
 *     .value();
 * }</pre>
 */
public final class FairnessEvaluator {
  /** Rows per chunk when statistics are gathered in parallel. */
  private static final int CHUNK_ROWS = 1 << 20;

  private final String positiveLabel;
  private final UndefinedPolicy policy;
  private final boolean parallel;
  private final ReportAssembler assembler;

  private FairnessEvaluator(Builder b) {
    this.positiveLabel = b.positiveLabel;
    this.policy = b.policy;
    this.parallel = b.parallel;
    this.assembler = new ReportAssembler(b.policy);
  }

  /**
   * Returns a builder: multiclass, {@link UndefinedPolicy#NAN}, parallel for large tables.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Evaluates one feature set.
   *
   * @param table the predictions
   * @param features the attributes to intersect
   * @return the report
   * @throws IllegalArgumentException if an attribute or the positive label is unknown
   * @throws ArithmeticException under {@link UndefinedPolicy#ERROR} when a value is undefined
   */
  public GroupReport evaluate(PredictionTable table, FeatureSet features) {
    return evaluate(table, List.of(features)).get(0);
  }

  /**
   * Evaluates several feature sets, sharing work between them (the score sort for AUC).
   *
   * @param table the predictions
   * @param featureSets the feature sets, each reported separately
   * @return one report per feature set, in order
   */
  public List<GroupReport> evaluate(PredictionTable table, List<FeatureSet> featureSets) {
    ClassLabels classes = table.classes();
    List<String> positives = positiveLabel != null ? List.of(positiveLabel) : classes.asList();
    for (String p : positives) {
      classes.require(p);
    }
    List<GroupIndex> indexes =
        (parallel ? featureSets.parallelStream() : featureSets.stream())
            .map(fs -> GroupIndex.of(table, fs))
            .toList();
    // One AUC pass per scored class serves every feature set.
    RocAucGroups groups = RocAucGroups.of(indexes);
    Map<String, List<MetricValue[]>> auc = new ConcurrentHashMap<>();
    (parallel ? positives.parallelStream() : positives.stream())
        .filter(table::hasScores)
        .forEach(c -> auc.put(c, groups.byGroup(table.scores(c), table, classes.require(c))));
    return (parallel
            ? IntStream.range(0, indexes.size()).parallel()
            : IntStream.range(0, indexes.size()))
        .mapToObj(f -> evaluate(table, indexes.get(f), aucOfSet(auc, f)))
        .toList();
  }

  private static Map<String, MetricValue[]> aucOfSet(Map<String, List<MetricValue[]>> auc, int f) {
    Map<String, MetricValue[]> out = new HashMap<>();
    auc.forEach((c, v) -> out.put(c, v.get(f)));
    return out;
  }

  private GroupReport evaluate(
      PredictionTable table, GroupIndex index, Map<String, MetricValue[]> auc) {
    FeatureSet fs = index.features();
    ClassLabels classes = table.classes();
    List<AttributeSummary> summaries =
        fs.attributes().stream().map(a -> AttributeSummary.of(table.requireAttribute(a))).toList();
    ReportAssembler.Source s =
        new ReportAssembler.Source(
            fs, summaries, index.keys(), index.droppedRows(), statistics(table, index), classes);
    return assembler.assemble(s, positiveLabel, c -> auc.get(classes.label(c)));
  }

  /**
   * Builds a report from statistics gathered elsewhere (batch by batch, or merged from partitions).
   * Scores are not available here, so the report has no ROC AUC.
   *
   * @param features the feature set the statistics were grouped by
   * @param groups the group keys, in the statistics' group order
   * @param classes the class labels, in the statistics' class order
   * @param stats the statistics
   * @return the report
   */
  public GroupReport report(
      FeatureSet features, List<GroupKey> groups, ClassLabels classes, ConfusionStatistics stats) {
    if (groups.size() != stats.groupCount() || classes.size() != stats.classCount()) {
      throw new IllegalArgumentException(
          "statistics have "
              + stats.groupCount()
              + " groups and "
              + stats.classCount()
              + " classes; got "
              + groups.size()
              + " keys and "
              + classes.size()
              + " labels");
    }
    return assembler.assemble(
        new ReportAssembler.Source(features, List.of(), groups, 0, stats, classes),
        positiveLabel,
        c -> null);
  }

  /**
   * Builds the report of statistics aggregated elsewhere (a stream, or Apache Spark partitions),
   * equal to {@link #evaluate(PredictionTable, FeatureSet)} of the same rows.
   *
   * @param statistics the feature set's statistics
   * @param rocAuc per scored class label, the AUC of every group then overall ({@link
   *     RocAuc.Ranking#byGroup} layout); classes without scores are absent
   * @return the report
   * @throws IllegalArgumentException if the positive label is not a class, or an AUC array does not
   *     fit the groups
   * @throws ArithmeticException under {@link UndefinedPolicy#ERROR} when a value is undefined
   */
  public GroupReport evaluate(GroupedStatistics statistics, Map<String, MetricValue[]> rocAuc) {
    ClassLabels classes = statistics.classes();
    int groups = statistics.keys().size();
    rocAuc.forEach(
        (c, v) -> {
          classes.require(c);
          if (v.length != groups + 1) {
            throw new IllegalArgumentException(
                v.length + " AUC values for " + groups + " groups and the overall value");
          }
        });
    ReportAssembler.Source s =
        new ReportAssembler.Source(
            statistics.features(),
            statistics.attributes(),
            statistics.keys(),
            statistics.droppedRows(),
            statistics.statistics(),
            classes);
    return assembler.assemble(s, positiveLabel, c -> rocAuc.get(classes.label(c)));
  }

  /**
   * Returns the positive label of binary reports.
   *
   * @return the label, or empty for multiclass reports
   */
  public java.util.Optional<String> positiveLabel() {
    return java.util.Optional.ofNullable(positiveLabel);
  }

  /**
   * Returns how undefined values are reported.
   *
   * @return the policy
   */
  public UndefinedPolicy undefinedPolicy() {
    return policy;
  }

  private ConfusionStatistics statistics(PredictionTable table, GroupIndex index) {
    int n = table.rowCount();
    if (!parallel || n <= CHUNK_ROWS) {
      return ConfusionStatistics.of(table, index);
    }
    int chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
    return IntStream.range(0, chunks)
        .parallel()
        .mapToObj(
            c ->
                ConfusionStatistics.of(
                    table, index, c * CHUNK_ROWS, Math.min(n, (c + 1) * CHUNK_ROWS)))
        .reduce(ConfusionStatistics::combine)
        .orElseThrow();
  }

  /** Configures a {@link FairnessEvaluator}. */
  public static final class Builder {
    private String positiveLabel;
    private UndefinedPolicy policy = UndefinedPolicy.NAN;
    private boolean parallel = true;

    private Builder() {}

    /**
     * Makes reports binary with this positive label (a multiclass table is reduced one-vs-rest).
     * Without it, reports are multiclass.
     *
     * @param label the positive class label, e.g. {@code "1"}
     * @return this builder
     */
    public Builder positiveLabel(String label) {
      this.positiveLabel = label;
      return this;
    }

    /**
     * Sets how undefined values are reported (default {@link UndefinedPolicy#NAN}).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder undefinedPolicy(UndefinedPolicy policy) {
      this.policy = java.util.Objects.requireNonNull(policy);
      return this;
    }

    /**
     * Whether to use several threads (default true): feature sets and score rankings are computed
     * in parallel, and the statistics of tables over 2^20 rows in chunks. The result is the same
     * either way: weights are summed exactly (the weighted AUC up to its floating-point products).
     *
     * @param parallel true to allow parallelism
     * @return this builder
     */
    public Builder parallel(boolean parallel) {
      this.parallel = parallel;
      return this;
    }

    /**
     * Builds the evaluator.
     *
     * @return the evaluator
     */
    public FairnessEvaluator build() {
      return new FairnessEvaluator(this);
    }
  }
}
