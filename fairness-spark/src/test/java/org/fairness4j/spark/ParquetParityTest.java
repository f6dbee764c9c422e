package org.fairness4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.StreamingFairnessEvaluator;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.report.format.ReportFormat;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.PredictionTableCsv;
import org.fairness4j.core.table.csv.TableFormatException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden binary table written as typed Parquet by Spark (integer labels and ages, double
 * scores, text attributes) gives the CSV table's reports, byte for byte, through the local
 * streaming engine ({@link ParquetRowSource}) and through Spark ({@link SparkFileEvaluator}).
 */
class ParquetParityTest {
  private static final Path CSV = Path.of("../fairness-core/src/test/resources/golden/bin_10k.csv");
  private static final List<FeatureSet> SETS =
      List.of(FeatureSet.of("sex"), FeatureSet.of("age"), FeatureSet.of("sex", "age", "site"));
  private static final CsvTableSpec SPEC =
      CsvTableSpec.builder("y_true", "y_pred")
          .score("score")
          .positiveLabel("1")
          .categorical("sex")
          .binned("age", Binning.edges(0, 20, 40, 60, 80))
          .categorical("site")
          .build();
  private static final FairnessEvaluator EVALUATOR =
      FairnessEvaluator.builder().positiveLabel("1").build();

  @TempDir static Path dir;
  private static Path parquet;

  @BeforeAll
  static void writeParquet() {
    parquet = dir.resolve("bin_10k.parquet");
    SparkTestSession.get()
        .read()
        .option("header", "true")
        .option("inferSchema", "true")
        .csv(CSV.toAbsolutePath().toString())
        .repartition(3)
        .write()
        .parquet(parquet.toString());
  }

  private static String json(List<GroupReport> reports) throws Exception {
    return ReportComparison.write(reports, ReportFormat.JSON);
  }

  @Test
  void localStreamingEngineReadsParquet() throws Exception {
    String expected = json(EVALUATOR.evaluate(PredictionTableCsv.read(CSV, SPEC), SETS));
    List<GroupReport> fromParquet =
        StreamingFairnessEvaluator.of(EVALUATOR, SPEC).evaluate(ParquetRowSource.of(parquet), SETS);
    assertEquals(expected, json(fromParquet));
  }

  @Test
  void sparkEngineReadsParquet() throws Exception {
    String expected = json(EVALUATOR.evaluate(PredictionTableCsv.read(CSV, SPEC), SETS));
    SparkFileEvaluator.Result r =
        SparkFileEvaluator.evaluate(SparkTestSession.MASTER, parquet, SPEC, EVALUATOR, SETS, null);
    assertEquals(expected, json(r.reports()));
  }

  @Test
  void missingParquetColumnIsNamed() {
    CsvTableSpec spec =
        CsvTableSpec.builder("y_true", "prediction").positiveLabel("1").categorical("sex").build();
    TableFormatException e =
        assertThrows(
            TableFormatException.class,
            () ->
                StreamingFairnessEvaluator.of(EVALUATOR, spec)
                    .evaluate(ParquetRowSource.of(parquet), List.of(FeatureSet.of("sex"))));
    assertTrue(e.getMessage().contains("prediction"), e.getMessage());
  }
}
