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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 1000 bootstrap replicates of the whole count-based metric set (per-group metrics, disparities,
 * fairness metrics) for the sex×age intersection (10 groups) of a 1M-row binary table, percentile
 * intervals.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgs = {"-Xms4g", "-Xmx4g"})
public class BootstrapBenchmark {
  private PredictionTable table;
  private FairnessEvaluator evaluator;
  private GroupBootstrap bootstrap;

  /** Builds the table once. */
  @Setup(Level.Trial)
  public void setUp() {
    table = BenchmarkTables.table(1_000_000, 2, 42);
    evaluator = FairnessEvaluator.builder().positiveLabel("1").build();
    bootstrap = GroupBootstrap.builder().resamples(1000).seed(1).build();
  }

  /**
   * Runs the bootstrap.
   *
   * @return the intervals
   */
  @Benchmark
  public BootstrapResult thousandReplicatesSexByAge() {
    return bootstrap.evaluate(evaluator, table, FeatureSet.of("sex", "age"));
  }
}
