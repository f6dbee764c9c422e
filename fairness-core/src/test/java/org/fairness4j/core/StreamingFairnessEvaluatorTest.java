package org.fairness4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairness4j.core.bootstrap.GroupBootstrap;
import org.fairness4j.core.group.FeatureSet;
import org.fairness4j.core.metrics.UndefinedPolicy;
import org.fairness4j.core.report.format.ReportFormat;
import org.fairness4j.core.report.format.ReportWriter;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.MissingValuePolicy;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.csv.CsvRowSource;
import org.fairness4j.core.table.csv.CsvTableSpec;
import org.fairness4j.core.table.csv.PredictionTableCsv;
import org.fairness4j.core.table.csv.TableFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamed reports equal the in-memory ones, byte for byte, on the golden tables. */
class StreamingFairnessEvaluatorTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final List<FeatureSet> SETS =
      List.of(
          FeatureSet.of("sex"),
          FeatureSet.of("age"),
          FeatureSet.of("sex", "age"),
          FeatureSet.of("sex", "age", "site"));

  @TempDir Path dir;

  private static String write(List<GroupReport> reports, ReportFormat format) throws IOException {
    StringWriter w = new StringWriter();
    ReportWriter.write(reports, format, w);
    return w.toString();
  }

  private static void assertSameReports(Path file, CsvTableSpec spec, FairnessEvaluator evaluator)
      throws IOException {
    List<GroupReport> memory = evaluator.evaluate(PredictionTableCsv.read(file, spec), SETS);
    List<GroupReport> streamed =
        StreamingFairnessEvaluator.of(evaluator, spec).evaluate(CsvRowSource.of(file, ','), SETS);
    for (ReportFormat f : List.of(ReportFormat.JSON, ReportFormat.CSV, ReportFormat.MARKDOWN)) {
      assertEquals(write(memory, f), write(streamed, f), f.name());
    }
  }

  @Test
  void binaryGoldenTable() throws IOException {
    assertSameReports(
        GOLDEN.resolve("bin_10k.csv"),
        CsvTableSpec.builder("y_true", "y_pred")
            .score("score")
            .positiveLabel("1")
            .categorical("sex")
            .binned("age", Binning.edges(0, 20, 40, 60, 80))
            .categorical("site")
            .build(),
        FairnessEvaluator.builder().positiveLabel("1").build());
  }

  @Test
  void multiclassGoldenTable() throws IOException {
    assertSameReports(
        GOLDEN.resolve("mc_10k.csv"),
        CsvTableSpec.builder("y_true", "y_pred")
            .score("score_0")
            .score("score_1")
            .score("score_2")
            .score("score_3")
            .categorical("sex")
            .binned("age", Binning.edges(30, 60))
            .categorical("site")
            .missingPolicy(MissingValuePolicy.DROP)
            .build(),
        FairnessEvaluator.builder().undefinedPolicy(UndefinedPolicy.ZERO).build());
  }

  @Test
  void clusteredBootstrapEqualsTheInMemoryOne() throws IOException {
    StringBuilder csv = new StringBuilder("y_true,y_pred,sex,patient\n");
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < 400; i++) {
      int y = r.nextInt(2);
      csv.append(y).append(',').append(r.nextInt(4) == 0 ? 1 - y : y).append(',');
      csv.append((i / 10) % 2 == 0 ? "F" : "M").append(",P").append(i / 10).append('\n');
    }
    Path file = dir.resolve("clustered.csv");
    Files.writeString(file, csv);
    CsvTableSpec spec =
        CsvTableSpec.builder("y_true", "y_pred")
            .positiveLabel("1")
            .categorical("sex")
            .cluster("patient")
            .build();
    FairnessEvaluator evaluator = FairnessEvaluator.builder().positiveLabel("1").build();
    PredictionTable table = PredictionTableCsv.read(file, spec);
    GroupBootstrap boot = GroupBootstrap.builder().resamples(100).seed(9).clustered(true).build();
    assertEquals(
        List.of(boot.evaluate(evaluator, table, FeatureSet.of("sex"))),
        StreamingFairnessEvaluator.of(evaluator, spec)
            .bootstrap(CsvRowSource.of(file, ','), List.of(FeatureSet.of("sex")), boot));
  }

  @Test
  void badValueNamesFileLineAndColumn() throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "y_true,y_pred,score,sex\n1,0,0.5,F\n0,1,NaN,M\n");
    CsvTableSpec spec =
        CsvTableSpec.builder("y_true", "y_pred")
            .score("score")
            .positiveLabel("1")
            .categorical("sex")
            .build();
    TableFormatException e =
        assertThrows(
            TableFormatException.class,
            () ->
                StreamingFairnessEvaluator.of(
                        FairnessEvaluator.builder().positiveLabel("1").build(), spec)
                    .evaluate(CsvRowSource.of(file, ','), List.of(FeatureSet.of("sex"))));
    assertTrue(e.getMessage().contains("bad.csv"), e.getMessage());
    assertTrue(e.getMessage().contains("3"), e.getMessage());
    assertTrue(e.getMessage().contains("column 'score'"), e.getMessage());
  }
}
