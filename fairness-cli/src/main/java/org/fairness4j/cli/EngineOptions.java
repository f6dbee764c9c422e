package org.fairness4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairness4j.core.AggregatedEvaluation;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.StreamingFairnessEvaluator;
import org.fairness4j.core.bootstrap.BootstrapResult;
import org.fairness4j.core.bootstrap.GroupBootstrap;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.group.GroupKey;
import org.fairness4j.core.table.csv.CsvRowSource;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.spark.ParquetRowSource;
import org.fairness4j.spark.SparkFileEvaluator;
import picocli.CommandLine.Option;

/**
 * {@code --engine local|spark} and {@code --master}: where {@code metrics} computes. The local
 * engine reads a CSV file into memory (or streams Parquet data, {@link ParquetRowSource}); the
 * Spark engine ({@link SparkFileEvaluator}) reads CSV or Parquet with Spark and gives
 * byte-identical reports. Spark classes are touched only when the Spark engine or Parquet input is
 * used, so the rest of the command line runs without them ({@code bin/fairness} puts them on the
 * class path then).
 */
final class EngineOptions {
  @Option(
      names = "--engine",
      paramLabel = "local|stream|spark",
      defaultValue = "local",
      description =
          "Where to compute (default local): local reads the table into this JVM (Parquet is"
              + " streamed); stream reads the CSV in passes, memory independent of the row count"
              + " (12 bytes a row to rank a score column); spark reads --input with Apache Spark"
              + " and merges per-partition counts. Same report.")
  String engine;

  @Option(
      names = "--master",
      paramLabel = "URL",
      defaultValue = "local[*]",
      description =
          "Spark master for --engine spark: local[*] (default), local[N] or spark://HOST:PORT.")
  String master;

  /** Whether the rows are never held in this JVM (Spark, streaming, or Parquet input). */
  boolean aggregates(Path input) {
    return !kind().equals("local") || isParquet(input);
  }

  private String kind() {
    String k = engine.toLowerCase(Locale.ROOT);
    if (!List.of("local", "stream", "spark").contains(k)) {
      throw new IllegalArgumentException("--engine " + engine + ": use local, stream or spark");
    }
    return k;
  }

  /** A {@code .parquet} file, or a directory holding {@code .parquet} part files. */
  static boolean isParquet(Path input) {
    if (Files.isDirectory(input)) {
      try (java.util.stream.Stream<Path> files = Files.list(input)) {
        return files.anyMatch(EngineOptions::isParquetFile);
      } catch (IOException e) {
        return false;
      }
    }
    return isParquetFile(input);
  }

  private static boolean isParquetFile(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
  }

  /**
   * The reports (with their reference groups), and the count-cell bootstrap when {@code bootstrap}
   * is not null.
   */
  Result evaluate(
      Path input,
      CsvTableSpec spec,
      FairnessEvaluator evaluator,
      List<FeatureSet> sets,
      GroupBootstrap bootstrap,
      Map<FeatureSet, GroupKey> references)
      throws IOException {
    if (!Files.exists(input)) {
      throw new NoSuchFileException(input.toString());
    }
    if (kind().equals("spark")) {
      SparkFileEvaluator.Result r =
          SparkFileEvaluator.evaluate(
              master,
              input.toAbsolutePath().toString(),
              spec,
              evaluator,
              sets,
              bootstrap,
              references);
      return new Result(r.reports(), r.intervals());
    }
    StreamingFairnessEvaluator streaming = StreamingFairnessEvaluator.of(evaluator, spec);
    StreamingFairnessEvaluator.RowSource rows =
        isParquet(input) ? ParquetRowSource.of(input) : CsvRowSource.of(input, spec.delimiter());
    return new Result(
        AggregatedEvaluation.withReferences(streaming.evaluate(rows, sets), references),
        bootstrap == null ? null : streaming.bootstrap(rows, sets, bootstrap, references));
  }

  /** Reports with their intervals (null without a bootstrap). */
  record Result(List<GroupReport> reports, List<BootstrapResult> intervals) {}
}
