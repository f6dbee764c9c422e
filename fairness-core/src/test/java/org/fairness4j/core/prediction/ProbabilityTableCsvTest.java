package org.fairness4j.core.prediction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.csv.TableFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one CSV codec of prediction tables: the exact bytes, reading back, strict errors. */
class ProbabilityTableCsvTest {
  static final ClassLabels CLASSES = ClassLabels.of("No Finding", "Cardiomegaly", "Effusion");

  @TempDir Path dir;

  private static ProbabilityTable table() {
    float[][] p = {{0.5f, 0.3f, 0.2f}, {0.1f, 0.6f, 0.3f}};
    float[][] z = {{2f, 1.4891821f, 1.0837f}, {-1e-8f, 1.7917595f, 1.0986123f}};
    Map<String, String[]> extra = new LinkedHashMap<>();
    extra.put("sex", new String[] {"F", "M"});
    extra.put("note", new String[] {"a,b", null});
    return ProbabilityTable.of(List.of("a_000.png", "b_000.png"), new int[] {0, 2}, p, z, CLASSES)
        .withColumns(extra);
  }

  /**
   * The bytes that {@code adapt} and {@code study} wrote before this codec existed (the layout of
   * {@code ClassifierPredictions.writeCsv}): header, Float.toString numbers, RFC 4180 quoting, LF.
   */
  @Test
  void writesThePredictionsLayoutByteForByte() throws IOException {
    Path csv = dir.resolve("p.csv");
    ProbabilityTableCsv.write(csv, table(), ProbabilityTableCsv.Layout.PREDICTIONS);
    assertEquals(
        "image_id,y_true,y_pred,score_No Finding,score_Cardiomegaly,score_Effusion,"
            + "logit_No Finding,logit_Cardiomegaly,logit_Effusion,sex,note\n"
            + "a_000.png,No Finding,No Finding,0.5,0.3,0.2,2.0,1.4891821,1.0837,F,\"a,b\"\n"
            + "b_000.png,Effusion,Cardiomegaly,0.1,0.6,0.3,-1.0E-8,1.7917595,1.0986123,M,\n",
        Files.readString(csv));
  }

  @Test
  void writesTheZeroShotLayoutWithoutTrueClasses() throws IOException {
    ProbabilityTable t =
        ProbabilityTable.of(
            List.of("x/1.png"), null, new float[][] {{0.2f, 0.2f, 0.6f}}, null, CLASSES);
    Path csv = dir.resolve("z.csv");
    ProbabilityTableCsv.write(csv, t, ProbabilityTableCsv.Layout.ZERO_SHOT);
    assertEquals(
        "image,predicted,score_No Finding,score_Cardiomegaly,score_Effusion\n"
            + "x/1.png,Effusion,0.2,0.2,0.6\n",
        Files.readString(csv));
    ProbabilityTable back =
        ProbabilityTableCsv.read(csv, CLASSES, ProbabilityTableCsv.Layout.ZERO_SHOT);
    assertFalse(back.hasTrueClasses());
    assertFalse(back.hasLogits());
    assertEquals(2, back.predictedClass(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProbabilityTableCsv.write(csv, t, ProbabilityTableCsv.Layout.PREDICTIONS));
  }

  @Test
  void readsBackExactlyWhatWasWritten() throws IOException {
    Path csv = dir.resolve("p.csv");
    ProbabilityTable t = table();
    ProbabilityTableCsv.write(csv, t, ProbabilityTableCsv.Layout.PREDICTIONS);
    ProbabilityTable back =
        ProbabilityTableCsv.read(csv, CLASSES, ProbabilityTableCsv.Layout.PREDICTIONS);
    assertEquals(t.ids(), back.ids());
    assertEquals(List.of("sex", "note"), back.columnNames());
    assertEquals(List.of("F", "M"), back.column("sex"));
    assertEquals("", back.column("note").get(1));
    for (int i = 0; i < 2; i++) {
      assertEquals(t.trueClass(i), back.trueClass(i));
      for (int c = 0; c < 3; c++) {
        assertEquals(t.probability(i, c), back.probability(i, c), 0.0);
        assertEquals(t.logit(i, c), back.logit(i, c), 0.0);
      }
    }
    Path again = dir.resolve("again.csv");
    ProbabilityTableCsv.write(again, back, ProbabilityTableCsv.Layout.PREDICTIONS);
    assertEquals(
        Files.readString(csv).replace(",\"a,b\"\n", ",\"a,b\"\n"), Files.readString(again));
  }

  private Path edited(String from, String to) throws IOException {
    Path csv = dir.resolve("run.csv");
    ProbabilityTableCsv.write(csv, table(), ProbabilityTableCsv.Layout.PREDICTIONS);
    String text = Files.readString(csv);
    assertTrue(text.contains(from), from);
    return Files.writeString(csv, text.replace(from, to));
  }

  private static TableFormatException failure(Path csv) {
    return assertThrows(
        TableFormatException.class,
        () -> ProbabilityTableCsv.read(csv, CLASSES, ProbabilityTableCsv.Layout.PREDICTIONS));
  }

  @Test
  void aStrayQuoteIsAnErrorNamingFileAndLine() throws IOException {
    TableFormatException e = failure(edited("Cardiomegaly,0.1,", "Cardiomegaly,\"0.1,"));
    assertTrue(e.getMessage().contains("run.csv:3: "), e.getMessage());
    assertTrue(e.getMessage().contains("never closed"), e.getMessage());
  }

  @Test
  void aValueThatIsNotANumberNamesFileLineAndColumn() throws IOException {
    TableFormatException e = failure(edited("Cardiomegaly,0.1,", "Cardiomegaly,0.1x,"));
    assertTrue(
        e.getMessage().contains("run.csv:3: column 'score_No Finding': '0.1x' is not a number"),
        e.getMessage());
  }

  @Test
  void anUnknownClassAMissingColumnAndAWrongPredictionAreErrors() throws IOException {
    TableFormatException unknown = failure(edited("b_000.png,Effusion,", "b_000.png,Mass,"));
    assertEquals(3, unknown.line());
    assertEquals("y_true", unknown.column());
    TableFormatException missing = failure(edited("score_Effusion,", "score_Other,"));
    assertEquals("score_Effusion", missing.column());
    TableFormatException wrong =
        failure(edited("b_000.png,Effusion,Cardiomegaly,", "b_000.png,Effusion,Effusion,"));
    assertEquals("y_pred", wrong.column());
    assertTrue(wrong.getMessage().contains("not the most probable class"), wrong.getMessage());
    TableFormatException ragged = failure(edited(",M,\n", ",M\n"));
    assertEquals(3, ragged.line());
  }

  /** Logit columns for some classes only were silently read as extra columns. */
  @Test
  void logitsForSomeClassesOnlyAreAnError() throws IOException {
    TableFormatException e = failure(edited("logit_No Finding,", "other,"));
    assertEquals(1, e.line());
    assertEquals("logit_No Finding", e.column());
  }

  /**
   * A layout without id and predicted columns reads tables of other tools: ids are line numbers,
   * the file's own id and predicted columns are extra columns and nothing is checked against them.
   */
  @Test
  void aLayoutWithoutIdAndPredictedColumnsReadsLineNumbersAndChecksNoPrediction()
      throws IOException {
    Path csv = edited("b_000.png,Effusion,Cardiomegaly,", "b_000.png,Effusion,Effusion,");
    ProbabilityTableCsv.Layout scores = new ProbabilityTableCsv.Layout(null, "y_true", null);
    ProbabilityTable t = ProbabilityTableCsv.read(csv, CLASSES, scores);
    assertEquals(List.of("2", "3"), List.of(t.id(0), t.id(1)));
    assertEquals(List.of("a_000.png", "b_000.png"), t.column("image_id"));
    assertEquals(List.of("No Finding", "Effusion"), t.column("y_pred"));
    assertEquals(1, t.predictedClass(1));
    assertEquals(2, t.trueClass(1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProbabilityTableCsv.write(dir.resolve("w.csv"), t, scores));
    assertTrue(e.getMessage().contains("needs an id and a predicted column"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("w.csv")));
    assertThrows(
        IllegalArgumentException.class, () -> new ProbabilityTableCsv.Layout("y", "y", "p"));
  }

  @Test
  void anExtraColumnMayNotTakeAPredictionColumnsName() {
    ProbabilityTable t = table().withColumns(Map.of("y_pred", new String[] {"x", "y"}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ProbabilityTableCsv.write(
                dir.resolve("x.csv"), t, ProbabilityTableCsv.Layout.PREDICTIONS));
    assertFalse(Files.exists(dir.resolve("x.csv")));
  }

  @Test
  void argmaxTakesTheFirstOfTiesAndComparesWithGreaterThan() {
    assertEquals(1, ProbabilityTable.argmax(new float[] {0.2f, 0.4f, 0.4f}));
    assertEquals(2, ProbabilityTable.argmax(new float[] {0.1f, Float.NaN, 0.9f}));
    assertEquals(0, ProbabilityTable.argmax(new float[] {Float.NaN, 0.1f, 0.9f}));
    assertEquals(0, ProbabilityTable.argmax(new float[] {Float.NaN, Float.NaN}));
    assertThrows(IllegalArgumentException.class, () -> ProbabilityTable.argmax(new float[0]));
  }

  @Test
  void theEvaluationTableHasTheArgmaxAndOneScoreColumnPerClass() {
    PredictionTable t = table().evaluationTable().categorical("sex", "F", "M").build();
    assertEquals(0, t.predictedClass(0));
    assertEquals(1, t.predictedClass(1));
    assertEquals(2, t.trueClass(1));
    assertArrayEquals(new double[] {0.3f, 0.6f}, t.scores("Cardiomegaly"));
    assertEquals(0.5, table().accuracy());
  }

  /** The documented NaN case: a diverged model's NaN and infinite outputs round-trip as such. */
  @Test
  void nanAndInfiniteValuesAreKeptWrittenAndReadBack() throws IOException {
    ProbabilityTable t =
        ProbabilityTable.of(
            List.of("a"),
            new int[] {1},
            new float[][] {{Float.NaN, 0.5f, 0.5f}},
            new float[][] {{Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}},
            CLASSES);
    assertEquals(0, t.predictedClass(0), "argmax keeps a NaN first value");
    Path csv = dir.resolve("nan.csv");
    ProbabilityTableCsv.write(csv, t, ProbabilityTableCsv.Layout.PREDICTIONS);
    assertTrue(Files.readString(csv).contains(",NaN,0.5,0.5,NaN,Infinity,-Infinity\n"));
    ProbabilityTable back =
        ProbabilityTableCsv.read(csv, CLASSES, ProbabilityTableCsv.Layout.PREDICTIONS);
    assertTrue(Double.isNaN(back.probability(0, 0)));
    assertEquals(Double.POSITIVE_INFINITY, back.logit(0, 1));
  }

  /** Misuse is a JDK unchecked exception naming the argument. */
  @Test
  void nullArgumentsAreNamed() {
    float[][] p = {{1f, 0f, 0f}};
    assertEquals(
        "ids",
        assertThrows(
                NullPointerException.class, () -> ProbabilityTable.of(null, null, p, null, CLASSES))
            .getMessage());
    assertEquals(
        "probabilities",
        assertThrows(
                NullPointerException.class,
                () -> ProbabilityTable.of(List.of("a"), null, null, null, CLASSES))
            .getMessage());
    java.util.Map<String, String[]> nullName = new java.util.HashMap<>();
    nullName.put(null, new String[] {"x"});
    ProbabilityTable t = ProbabilityTable.of(List.of("a"), null, p, null, CLASSES);
    assertEquals(
        "column name",
        assertThrows(NullPointerException.class, () -> t.withColumns(nullName)).getMessage());
  }

  @Test
  void mismatchedSizesAreRefused() {
    float[][] p = {{1f, 0f, 0f}};
    assertThrows(
        IllegalArgumentException.class,
        () -> ProbabilityTable.of(List.of("a", "b"), null, p, null, CLASSES));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProbabilityTable.of(List.of("a"), new int[] {3}, p, null, CLASSES));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProbabilityTable.of(List.of("a"), null, new float[][] {{1f}}, null, CLASSES));
    assertThrows(
        IllegalArgumentException.class,
        () -> table().withColumns(Map.of("age", new String[] {"1"})));
  }
}
