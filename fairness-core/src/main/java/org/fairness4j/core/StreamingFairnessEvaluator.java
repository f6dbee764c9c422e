package org.fairness4j.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.bootstrap.GroupBootstrap;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.RocAucSums;
import org.fairness4j.core.table.csv.AggregatedTable;
import org.fairness4j.core.table.csv.CellCounts;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.RowGrouper;
import org.fairness4j.core.table.csv.TableCoder;

/**
 * Computes the reports of {@link FairnessEvaluator} without holding the table: the rows are read in
 * passes from a {@link RowSource} (a CSV file, {@link org.fairness4j.core.table.csv.CsvRowSource};
 * a Parquet file; any re-readable stream). The first pass counts the joint cells (memory grows with
 * the number of distinct cells, not with the rows); then, per scored class whose AUC is reported,
 * one pass keeps each row's score and a cell number (12 bytes a row, 20 with weights), sorts them
 * and sums the per-group AUC. The reports equal the in-memory ones (identical bytes, weighted
 * counts included: weights are summed exactly; a weighted AUC adds floating-point products and may
 * differ in the last bits). Immutable and thread-safe.
 */
public final class StreamingFairnessEvaluator {
  private final FairnessEvaluator evaluator;
  private final CsvTableSpec spec;
  private final TableCoder coder;

  /** Rows read one pass at a time; each call of {@link #read} is a fresh pass over all rows. */
  public interface RowSource {
    /**
     * Reads every row, giving the consumer the raw text of the named columns in that order (null
     * where a value is absent).
     *
     * @param columns the columns to read
     * @param consumer receives one array per row (it may be reused between rows)
     * @throws IOException if the rows cannot be read, or a value is invalid (naming where)
     */
    void read(List<String> columns, RowConsumer consumer) throws IOException;
  }

  /** Receives the values of one row. */
  @FunctionalInterface
  public interface RowConsumer {
    /**
     * Takes one row.
     *
     * @param values the values of the requested columns
     * @throws IllegalArgumentException if a value is invalid (the source adds where it was)
     */
    void accept(String[] values);
  }

  private StreamingFairnessEvaluator(FairnessEvaluator evaluator, CsvTableSpec spec) {
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.coder = TableCoder.of(spec);
  }

  /**
   * Returns a streaming evaluator.
   *
   * @param evaluator the report settings
   * @param spec the columns and how to read them
   * @return the streaming evaluator
   */
  public static StreamingFairnessEvaluator of(FairnessEvaluator evaluator, CsvTableSpec spec) {
    return new StreamingFairnessEvaluator(evaluator, spec);
  }

  /**
   * Computes one report per feature set.
   *
   * @param source the rows
   * @param featureSets the feature sets
   * @return the reports
   * @throws IOException if reading fails or a value is invalid
   */
  public List<GroupReport> evaluate(RowSource source, List<FeatureSet> featureSets)
      throws IOException {
    AggregatedTable table = aggregate(source, false);
    int rows = Math.toIntExact(table.rowCount());
    return AggregatedEvaluation.reports(
        evaluator,
        table,
        featureSets,
        (s, positive, grouper) ->
            rank(source, coder.scoreColumns().get(s), grouper, positive, rows));
  }

  /**
   * Computes count-cell bootstrap intervals (clusters aggregated first when the spec has a cluster
   * column), equal to the in-memory engine's for the same seed.
   *
   * @param source the rows, unweighted
   * @param featureSets the feature sets
   * @param bootstrap the bootstrap (without score intervals)
   * @return one result per feature set
   * @throws IOException if reading fails or a value is invalid
   * @throws IllegalArgumentException if the spec has weights
   */
  public List<BootstrapResult> bootstrap(
      RowSource source, List<FeatureSet> featureSets, GroupBootstrap bootstrap) throws IOException {
    return bootstrap(source, featureSets, bootstrap, Map.of());
  }

  /**
   * Like {@link #bootstrap(RowSource, List, GroupBootstrap)}, with intervals of the signed
   * differences and ratios to a reference group of some feature sets.
   *
   * @param source the rows, unweighted
   * @param featureSets the feature sets
   * @param bootstrap the bootstrap (without score intervals)
   * @param references feature set → reference group (may be empty)
   * @return one result per feature set
   * @throws IOException if reading fails or a value is invalid
   * @throws IllegalArgumentException if the spec has weights or a reference is not a group
   */
  public List<BootstrapResult> bootstrap(
      RowSource source,
      List<FeatureSet> featureSets,
      GroupBootstrap bootstrap,
      Map<FeatureSet, GroupKey> references)
      throws IOException {
    return AggregatedEvaluation.bootstrap(
        evaluator,
        spec,
        featureSets,
        bootstrap,
        references,
        clusters -> aggregate(source, clusters));
  }

  /** The first pass: joint-cell counts (and each cluster's cells). */
  private AggregatedTable aggregate(RowSource source, boolean withClusters) throws IOException {
    List<String> columns = new ArrayList<>();
    columns.add(spec.trueColumn());
    columns.add(spec.predictedColumn());
    spec.attributes().forEach(a -> columns.add(a.name()));
    int m = spec.attributes().size();
    int w = -1;
    if (spec.weightColumn() != null) {
      w = columns.size();
      columns.add(spec.weightColumn());
    }
    int cl = -1;
    if (withClusters) {
      cl = columns.size();
      columns.add(spec.clusterColumn());
    }
    int weightAt = w;
    int clusterAt = cl;
    CellCounts counts = new CellCounts(coder, withClusters);
    String yt = spec.trueColumn();
    String yp = spec.predictedColumn();
    source.read(
        columns,
        v -> {
          int t = coder.label(yt, v[0]);
          int p = coder.label(yp, v[1]);
          String[] tokens = new String[m];
          for (int a = 0; a < m; a++) {
            tokens[a] = coder.attributeToken(a, v[2 + a]);
          }
          double weight = weightAt < 0 ? 1.0 : coder.weight(spec.weightColumn(), v[weightAt]);
          counts.add(tokens, t, p, weight, 1);
          if (clusterAt >= 0) {
            counts.addCluster(coder.cluster(spec.clusterColumn(), v[clusterAt]), tokens, t, p, 1);
          }
        });
    return counts.finish();
  }

  /** One pass per scored class: score and cell number per row, sorted, then the AUC sums. */
  private RocAucSums[] rank(
      RowSource source, String scoreColumn, RowGrouper grouper, int positive, int rows)
      throws IOException {
    int m = spec.attributes().size();
    List<String> columns = new ArrayList<>();
    columns.add(scoreColumn);
    columns.add(spec.trueColumn());
    spec.attributes().forEach(a -> columns.add(a.name()));
    boolean weighted = spec.weightColumn() != null;
    if (weighted) {
      columns.add(spec.weightColumn());
    }
    ScoreColumn ranked = new ScoreColumn(rows, weighted);
    Map<List<Integer>, Integer> cellIds = new HashMap<>();
    List<int[]> cells = new ArrayList<>();
    String yt = spec.trueColumn();
    source.read(
        columns,
        v -> {
          double score = coder.number(scoreColumn, v[0]);
          int t = grouper.classOf(coder.label(yt, v[1]));
          String[] tokens = new String[m];
          for (int a = 0; a < m; a++) {
            tokens[a] = coder.attributeToken(a, v[2 + a]);
          }
          int[] codes = grouper.levelCodes(tokens);
          List<Integer> key = new ArrayList<>(m + 1);
          for (int c : codes) {
            key.add(c);
          }
          key.add(t == positive ? 1 : 0);
          Integer id = cellIds.get(key);
          if (id == null) {
            id = cells.size();
            cellIds.put(key, id);
            int[] groups = new int[grouper.featureSetCount() + 1];
            for (int f = 0; f < grouper.featureSetCount(); f++) {
              groups[f] = grouper.group(f, codes);
            }
            groups[groups.length - 1] = t == positive ? 1 : 0;
            cells.add(groups);
          }
          ranked.add(score, id, weighted ? coder.weight(spec.weightColumn(), v[2 + m]) : 1.0);
        });
    ranked.sort();
    int sets = grouper.featureSetCount();
    RocAucSums[] out = new RocAucSums[sets];
    for (int f = 0; f < sets; f++) {
      RocAucSums.Accumulator acc = RocAucSums.accumulator(grouper.groupCount(f));
      for (int i = 0; i < ranked.size(); i++) {
        int[] c = cells.get(ranked.id(i));
        acc.add(ranked.score(i), c[sets] == 1, ranked.weight(i), c[f]);
      }
      out[f] = acc.finish();
    }
    return out;
  }
}
