package org.fairness4j.spark;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fairness4j.core.AggregatedEvaluation;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.table.csv.CsvTableSpec;

/**
 * Reads a CSV file or Parquet data (a file or a directory of part files) with Spark and computes
 * the reports with {@link SparkFairnessEvaluator} (what {@code bin/fairness metrics --engine spark}
 * runs). For a master other than {@code local}, the jars of fairness-core, fairness-spark and
 * FastDoubleParser are sent to the executors ({@code spark.jars}).
 */
public final class SparkFileEvaluator {
  private SparkFileEvaluator() {}

  /** The reports, and the bootstrap intervals (null without a bootstrap). */
  public record Result(
      List<org.fairness4j.core.GroupReport> reports,
      List<org.fairness4j.core.bootstrap.BootstrapResult> intervals) {}

  /**
   * Starts a Spark session on a master (or uses the running one, which is then left running), reads
   * the input and computes the reports.
   *
   * @param master {@code local[*]}, {@code local[N]} or {@code spark://HOST:PORT}
   * @param input a {@code .csv} file (header row; the spec's delimiter), or Parquet data
   * @param spec the columns and how to read them
   * @param evaluator the report settings
   * @param sets the feature sets
   * @param bootstrap the count-cell bootstrap, or null
   * @return the reports and intervals
   * @throws IllegalArgumentException if a column is absent or a value is invalid
   */
  public static Result evaluate(
      String master,
      Path input,
      CsvTableSpec spec,
      FairnessEvaluator evaluator,
      List<FeatureSet> sets,
      org.fairness4j.core.bootstrap.GroupBootstrap bootstrap) {
    return evaluate(
        master, input.toAbsolutePath().toString(), spec, evaluator, sets, bootstrap, Map.of());
  }

  /**
   * Like {@link #evaluate(String, Path, CsvTableSpec, FairnessEvaluator, List,
   * org.fairness4j.core.bootstrap.GroupBootstrap)} for any path Spark reads ({@code hdfs://},
   * {@code s3a://}, ...), with the master spark-submit chose when {@code master} is null, and with
   * reference groups: the reports carry them and the bootstrap gives intervals of the signed
   * differences and ratios to them.
   *
   * @param master the master, or null for the one configured (spark-submit)
   * @param input a path ending in {@code .csv} (header row; the spec's delimiter), or Parquet data
   * @param spec the columns and how to read them
   * @param evaluator the report settings
   * @param sets the feature sets
   * @param bootstrap the count-cell bootstrap, or null
   * @param references feature set → reference group (may be empty)
   * @return the reports and intervals
   * @throws IllegalArgumentException if a column is absent, a value is invalid or a reference is
   *     not a group
   */
  public static Result evaluate(
      String master,
      String input,
      CsvTableSpec spec,
      FairnessEvaluator evaluator,
      List<FeatureSet> sets,
      org.fairness4j.core.bootstrap.GroupBootstrap bootstrap,
      Map<FeatureSet, GroupKey> references) {
    SparkSession.Builder b =
        SparkSession.builder().appName("fairness metrics").config("spark.ui.enabled", "false");
    if (master != null) {
      b.master(master);
      if (!master.startsWith("local")) {
        b.config("spark.jars", String.join(",", executorJars()));
      }
    }
    boolean existing = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = b.getOrCreate();
    try {
      if (!existing) {
        spark.sparkContext().setLogLevel("WARN");
      }
      Dataset<Row> rows =
          !input.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
              ? spark.read().parquet(input)
              : spark
                  .read()
                  .option("header", "true")
                  .option("sep", Character.toString(spec.delimiter()))
                  .option("escape", "\"")
                  .option("multiLine", "true")
                  .csv(input);
      SparkFairnessEvaluator engine = SparkFairnessEvaluator.of(evaluator, spec);
      return new Result(
          AggregatedEvaluation.withReferences(engine.evaluate(rows, sets), references),
          bootstrap == null ? null : engine.bootstrap(rows, sets, bootstrap, references));
    } finally {
      if (!existing) {
        spark.stop();
      }
    }
  }

  /** The jars executors need: fairness-core, fairness-spark and FastDoubleParser. */
  private static List<String> executorJars() {
    List<String> jars = new ArrayList<>();
    for (Class<?> c :
        List.of(
            FairnessEvaluator.class,
            SparkFairnessEvaluator.class,
            ch.randelshofer.fastdoubleparser.JavaDoubleParser.class)) {
      try {
        Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(p)) {
          throw new IllegalArgumentException(
              "--master "
                  + "spark://... needs "
                  + c.getName()
                  + " in a jar (run bin/fairness, which installs them); found "
                  + p);
        }
        jars.add(p.toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return jars;
  }
}
