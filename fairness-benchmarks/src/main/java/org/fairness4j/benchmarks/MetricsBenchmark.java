package org.fairness4j.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.table.PredictionTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole metric set (every group metric, ROC AUC from scores, disparities and fairness metrics)
 * for the feature sets sex, age (5 bins) and sex+age, on a table already in memory. Binary:
 * positive label 1 with its score column. 4-class: multiclass report plus a one-vs-rest report
 * (with AUC) per class.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms6g", "-Xmx6g"})
public class MetricsBenchmark {
  private static final List<FeatureSet> SETS =
      List.of(FeatureSet.of("sex"), FeatureSet.of("age"), FeatureSet.of("sex", "age"));

  /** Number of rows. */
  @Param({"1000000", "10000000"})
  public int rows;

  /** Number of classes: 2 (binary report) or 4 (multiclass report). */
  @Param({"2", "4"})
  public int classes;

  private PredictionTable table;
  private FairnessEvaluator evaluator;

  /** Builds the table once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    table = BenchmarkTables.table(rows, classes, 42);
    FairnessEvaluator.Builder b = FairnessEvaluator.builder();
    if (classes == 2) {
      b.positiveLabel("1");
    }
    evaluator = b.build();
  }

  /**
   * Evaluates the three feature sets.
   *
   * @return the reports
   */
  @Benchmark
  public List<GroupReport> allMetricsThreeFeatureSets() {
    return evaluator.evaluate(table, SETS);
  }
}
