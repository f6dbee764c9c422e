package org.fairness4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.bootstrap.GroupBootstrap;
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
 * 100 row-bootstrap replicates with ROC AUC ({@code scores(true)}, which resamples rows and
 * re-evaluates each replicate) for the sex×age intersection of a binary table with scores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgs = {"-Xms2g", "-Xmx2g"})
public class RowBootstrapBenchmark {
  /** Table rows. */
  @Param({"10000", "100000"})
  public int rows;

  private PredictionTable table;
  private FairnessEvaluator evaluator;
  private GroupBootstrap bootstrap;

  /** Builds the table once. */
  @Setup(Level.Trial)
  public void setUp() {
    table = BenchmarkTables.table(rows, 2, 42);
    evaluator = FairnessEvaluator.builder().positiveLabel("1").build();
    bootstrap = GroupBootstrap.builder().resamples(100).seed(1).scores(true).build();
  }

  /**
   * Runs the bootstrap.
   *
   * @return the intervals
   */
  @Benchmark
  public BootstrapResult hundredReplicatesWithAuc() {
    return bootstrap.evaluate(evaluator, table, FeatureSet.of("sex", "age"));
  }
}
