package org.fairness4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.fairness4j.core.FairnessEvaluator;
import org.fairness4j.core.GroupReport;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.metrics.Metric;
import org.fairness4j.core.metrics.UndefinedPolicy;
import org.fairness4j.core.report.format.ReportFormat;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.MissingValuePolicy;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.PredictionTableCsv;
import org.junit.jupiter.api.Test;

/**
 * Spark local[2] gives the local engine's reports, byte for byte in JSON, CSV and Markdown, on the
 * project's golden tables (fairness-core/src/test/resources/golden: 10,000 rows, binary and
 * 4-class, sex × binned age × site) read by Spark's own CSV reader.
 */
class SparkGoldenParityTest {
  private static final Path GOLDEN = Path.of("../fairness-core/src/test/resources/golden");
  private static final List<FeatureSet> SETS =
      List.of(
          FeatureSet.of("sex"),
          FeatureSet.of("age"),
          FeatureSet.of("site"),
          FeatureSet.of("sex", "age"),
          FeatureSet.of("sex", "age", "site"));

  private static Dataset<Row> csv(Path file) {
    return SparkTestSession.get()
        .read()
        .option("header", "true")
        .csv(file.toAbsolutePath().toString())
        .repartition(4);
  }

  private static void assertParity(Path file, CsvTableSpec spec, FairnessEvaluator evaluator)
      throws Exception {
    List<GroupReport> local = evaluator.evaluate(PredictionTableCsv.read(file, spec), SETS);
    List<GroupReport> spark = SparkFairnessEvaluator.of(evaluator, spec).evaluate(csv(file), SETS);
    for (ReportFormat f : List.of(ReportFormat.JSON, ReportFormat.CSV, ReportFormat.MARKDOWN)) {
      assertEquals(ReportComparison.write(local, f), ReportComparison.write(spark, f), f.name());
    }
  }

  @Test
  void binaryGoldenTableGivesTheLocalReports() throws Exception {
    CsvTableSpec spec =
        CsvTableSpec.builder("y_true", "y_pred")
            .score("score")
            .positiveLabel("1")
            .categorical("sex")
            .binned("age", Binning.edges(0, 20, 40, 60, 80))
            .categorical("site")
            .build();
    FairnessEvaluator evaluator = FairnessEvaluator.builder().positiveLabel("1").build();
    assertParity(GOLDEN.resolve("bin_10k.csv"), spec, evaluator);
    GroupReport sex =
        SparkFairnessEvaluator.of(evaluator, spec)
            .evaluate(csv(GOLDEN.resolve("bin_10k.csv")), List.of(FeatureSet.of("sex")))
            .get(0);
    assertTrue(sex.overall().get(Metric.ROC_AUC).isDefined());
  }

  @Test
  void multiclassGoldenTableGivesTheLocalReports() throws Exception {
    CsvTableSpec spec =
        CsvTableSpec.builder("y_true", "y_pred")
            .score("score_0")
            .score("score_1")
            .score("score_2")
            .score("score_3")
            .categorical("sex")
            .binned("age", Binning.edges(20, 40, 60))
            .categorical("site")
            .missingPolicy(MissingValuePolicy.DROP)
            .build();
    FairnessEvaluator evaluator =
        FairnessEvaluator.builder().undefinedPolicy(UndefinedPolicy.ZERO).build();
    assertParity(GOLDEN.resolve("mc_10k.csv"), spec, evaluator);
  }
}
