package org.fairness4j.spark;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.udaf;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.fairness4j.core.AggregatedEvaluation;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.bootstrap.GroupBootstrap;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.metrics.RocAucSums;
import org.fairness4j.core.stats.ExactSum;
import org.fairness4j.core.table.csv.AggregatedTable;
import org.fairness4j.core.table.csv.CellCounts;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.TableCoder;

/**
 * Computes the {@link GroupReport}s of a Spark {@code Dataset<Row>} of predictions: the same
 * reports as {@link FairnessEvaluator#evaluate(org.fairness4j.core.table.PredictionTable, List)} of
 * the same rows read from CSV with the same {@link CsvTableSpec}.
 *
 * <p>Rows never come to the driver. Each row is coded on the executors with the core's {@link
 * TableCoder} (labels, weights, binned or categorical sensitive values, exactly as the CSV reader
 * does); Spark then sums the weight and counts the rows of each joint cell (sensitive values × true
 * label × predicted label) per partition and merges the partial sums; only those cells, whose
 * number does not grow with the rows, reach the driver, where the core builds the reports. ROC AUC
 * is exact: each scored class's rows are range-partitioned and sorted by score (equal scores share
 * a partition), every partition gives its per-group {@link RocAucSums}, and the driver chains them
 * in partition order. Immutable and thread-safe.
 *
 * <pre>{@code
 * CsvTableSpec spec = CsvTableSpec.builder("y_true", "y_pred")
 *     .score("score").positiveLabel("1").categorical("sex").build();
 * FairnessEvaluator evaluator = FairnessEvaluator.builder().positiveLabel("1").build();
 * List<GroupReport> reports = SparkFairnessEvaluator.of(evaluator, spec)
 *     .evaluate(spark.read().parquet("predictions.parquet"), List.of(FeatureSet.of("sex")));
 * }</pre>
 */
public final class SparkFairnessEvaluator {
  private final FairnessEvaluator evaluator;
  private final CsvTableSpec spec;
  private final TableCoder coder;

  private SparkFairnessEvaluator(FairnessEvaluator evaluator, CsvTableSpec spec) {
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.coder = TableCoder.of(spec);
  }

  /**
   * Returns an evaluator of datasets with the columns a spec names (the delimiter is not used).
   *
   * @param evaluator the report settings (positive label, undefined values)
   * @param spec the columns and how to read them
   * @return the Spark evaluator
   * @throws IllegalArgumentException if the spec's score columns are inconsistent
   */
  public static SparkFairnessEvaluator of(FairnessEvaluator evaluator, CsvTableSpec spec) {
    return new SparkFairnessEvaluator(evaluator, spec);
  }

  /**
   * Computes one report per feature set.
   *
   * @param rows the predictions; columns of any type are read as their text
   * @param featureSets the feature sets
   * @return the reports, in order
   * @throws IllegalArgumentException naming the column and value if a column is absent or a value
   *     is invalid, or if the positive label is not a class
   * @throws ArithmeticException under the ERROR undefined policy when a value is undefined
   */
  public List<GroupReport> evaluate(Dataset<Row> rows, List<FeatureSet> featureSets) {
    Dataset<Row> coded = code(rows, false);
    AggregatedTable table = aggregateCoded(coded, false);
    return AggregatedEvaluation.reports(
        evaluator,
        table,
        featureSets,
        (s, positive, grouper) ->
            SparkRocAuc.byGroup(coded, "s" + s, grouper, positive, coder.attributeCount()));
  }

  /**
   * Computes bootstrap intervals of each feature set's count metrics from the aggregated cells (the
   * core's count-cell bootstrap: the same intervals as the local engine's for the same seed). With
   * a cluster column, each cluster's cells are aggregated first, so a clustered bootstrap draws
   * whole clusters, in the order they first appear in the dataset.
   *
   * @param rows the predictions, unweighted
   * @param featureSets the feature sets
   * @param bootstrap the bootstrap settings (without score intervals)
   * @return one result per feature set, in order
   * @throws IllegalArgumentException if the spec has weights (weighted rows are resampled by row,
   *     which needs the rows), the bootstrap resamples scores, or a value is invalid
   */
  public List<BootstrapResult> bootstrap(
      Dataset<Row> rows, List<FeatureSet> featureSets, GroupBootstrap bootstrap) {
    return bootstrap(rows, featureSets, bootstrap, Map.of());
  }

  /**
   * Like {@link #bootstrap(Dataset, List, GroupBootstrap)}, with intervals of the signed
   * differences and ratios to a reference group of some feature sets.
   *
   * @param rows the predictions, unweighted
   * @param featureSets the feature sets
   * @param bootstrap the bootstrap settings (without score intervals)
   * @param references feature set → reference group (may be empty)
   * @return one result per feature set, in order
   * @throws IllegalArgumentException as the three-argument form, or if a reference is not a group
   */
  public List<BootstrapResult> bootstrap(
      Dataset<Row> rows,
      List<FeatureSet> featureSets,
      GroupBootstrap bootstrap,
      Map<FeatureSet, GroupKey> references) {
    return AggregatedEvaluation.bootstrap(
        evaluator, spec, featureSets, bootstrap, references, clusters -> aggregate(rows, clusters));
  }

  /**
   * Aggregates the rows into their joint cells (and, with clusters, each cluster's cells in the
   * order the clusters first appear), for the count-based bootstrap.
   *
   * @param rows the predictions
   * @param withClusters whether to gather the cells of each cluster (needs a cluster column)
   * @return the aggregated table
   * @throws IllegalArgumentException naming the column and value if a value is invalid
   */
  public AggregatedTable aggregate(Dataset<Row> rows, boolean withClusters) {
    if (withClusters && spec.clusterColumn() == null) {
      throw new IllegalArgumentException("clustered resampling needs a cluster column");
    }
    return aggregateCoded(code(rows, withClusters), withClusters);
  }

  private AggregatedTable aggregateCoded(Dataset<Row> coded, boolean withClusters) {
    int m = coder.attributeCount();
    List<Column> keys = new ArrayList<>();
    keys.add(coded.col("t"));
    keys.add(coded.col("p"));
    for (int a = 0; a < m; a++) {
      keys.add(coded.col("a" + a));
    }
    CellCounts counts = new CellCounts(coder, withClusters);
    boolean weighted = coder.spec().weightColumn() != null;
    // Weights are summed exactly (any shuffle order gives the same double); counts need no weight.
    Column weight =
        weighted
            ? udaf(new ExactWeightSum(), Encoders.DOUBLE()).apply(coded.col("w"))
            : count(lit(1));
    List<Row> cells =
        SparkErrors.unwrap(
            () ->
                coded
                    .groupBy(keys.toArray(new Column[0]))
                    .agg(weight, count(lit(1)))
                    .collectAsList());
    for (Row r : cells) {
      String[] t = tokens(r, 2, m);
      long n = r.getLong(3 + m);
      if (weighted) {
        counts.add(t, r.getInt(0), r.getInt(1), ExactSum.fromBytes(r.getAs(2 + m)), n);
      } else {
        counts.add(t, r.getInt(0), r.getInt(1), n, n);
      }
    }
    if (withClusters) {
      List<Column> ck = new ArrayList<>(keys);
      ck.add(0, coded.col("cl"));
      List<Row> clusterCells =
          SparkErrors.unwrap(
              () ->
                  coded
                      .groupBy(ck.toArray(new Column[0]))
                      .agg(count(lit(1)).as("n"), min(coded.col("id")).as("first"))
                      .orderBy("first")
                      .collectAsList());
      for (Row r : clusterCells) {
        counts.addCluster(
            r.getString(0), tokens(r, 3, m), r.getInt(1), r.getInt(2), r.getLong(3 + m));
      }
    }
    return counts.finish();
  }

  private static String[] tokens(Row r, int from, int m) {
    String[] t = new String[m];
    for (int a = 0; a < m; a++) {
      t[a] = r.getString(from + a);
    }
    return t;
  }

  /**
   * The coded columns: t, p (label codes), w (weight), a0.. (attribute tokens), s0.. (scores), and
   * with clusters cl (cluster id) and id (a position increasing with the row order).
   */
  private Dataset<Row> code(Dataset<Row> rows, boolean withClusters) {
    List<String> present = Arrays.asList(rows.columns());
    TableCoder c = coder;
    List<Column> cols = new ArrayList<>();
    String yt = spec.trueColumn();
    String yp = spec.predictedColumn();
    cols.add(
        udf((UDF1<String, Integer>) v -> c.label(yt, v), DataTypes.IntegerType)
            .apply(text(rows, present, yt))
            .as("t"));
    cols.add(
        udf((UDF1<String, Integer>) v -> c.label(yp, v), DataTypes.IntegerType)
            .apply(text(rows, present, yp))
            .as("p"));
    String wc = spec.weightColumn();
    cols.add(
        wc == null
            ? lit(1.0).as("w")
            : udf((UDF1<String, Double>) v -> c.weight(wc, v), DataTypes.DoubleType)
                .apply(text(rows, present, wc))
                .as("w"));
    for (int a = 0; a < c.attributeCount(); a++) {
      int attr = a;
      cols.add(
          udf((UDF1<String, String>) v -> c.attributeToken(attr, v), DataTypes.StringType)
              .apply(text(rows, present, spec.attributes().get(a).name()))
              .as("a" + a));
    }
    for (int s = 0; s < c.scoreColumns().size(); s++) {
      String sc = c.scoreColumns().get(s);
      cols.add(
          udf((UDF1<String, Double>) v -> c.number(sc, v), DataTypes.DoubleType)
              .apply(text(rows, present, sc))
              .as("s" + s));
    }
    if (withClusters) {
      String cc = spec.clusterColumn();
      cols.add(
          udf((UDF1<String, String>) v -> c.cluster(cc, v), DataTypes.StringType)
              .apply(text(rows, present, cc))
              .as("cl"));
      cols.add(monotonically_increasing_id().as("id"));
    }
    return rows.select(cols.toArray(new Column[0]));
  }

  private static Column text(Dataset<Row> rows, List<String> present, String name) {
    if (!present.contains(name)) {
      throw new IllegalArgumentException("no column '" + name + "'; the dataset has " + present);
    }
    return rows.col("`" + name.replace("`", "``") + "`").cast(DataTypes.StringType);
  }
}
