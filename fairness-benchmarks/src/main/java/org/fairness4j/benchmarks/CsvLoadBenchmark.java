package org.fairness4j.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.PredictionTableCsv;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a CSV prediction table of 6 columns ({@code y_true,y_pred,score,sex,age,site}, the shape
 * of the golden files) into a {@link PredictionTable}, with age binned and sex and site
 * categorical.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xms4g", "-Xmx4g"})
public class CsvLoadBenchmark {
  /** Number of data rows. */
  @Param({"1000000"})
  public int rows;

  private Path file;
  private CsvTableSpec spec;

  /**
   * Writes the CSV file once per trial.
   *
   * @throws IOException if the temporary file cannot be written
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    file = Files.createTempFile("fairness4j-bench", ".csv");
    SplittableRandom r = new SplittableRandom(7);
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("y_true,y_pred,score,sex,age,site\n");
      for (int i = 0; i < rows; i++) {
        double score = r.nextDouble();
        int yTrue = r.nextDouble() < score ? 1 : 0;
        w.write(
            yTrue
                + ","
                + (score >= 0.5 ? 1 : 0)
                + ","
                + score
                + ","
                + (r.nextBoolean() ? "F" : "M")
                + ","
                + r.nextInt(100)
                + ",S"
                + r.nextInt(5)
                + "\n");
      }
    }
    spec =
        CsvTableSpec.builder("y_true", "y_pred")
            .score("score")
            .positiveLabel("1")
            .categorical("sex")
            .binned("age", BenchmarkTables.AGE)
            .categorical("site")
            .build();
  }

  /**
   * Deletes the file.
   *
   * @throws IOException if it cannot be deleted
   */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  /**
   * Reads the table.
   *
   * @return the table
   * @throws IOException if reading fails
   */
  @Benchmark
  public PredictionTable read() throws IOException {
    return PredictionTableCsv.read(file, spec);
  }
}
