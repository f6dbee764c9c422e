package org.fairness4j.core.table.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionTableCsvTest {
  @TempDir Path dir;

  private Path write(String content) throws IOException {
    Path p = dir.resolve("table.csv");
    Files.writeString(p, content);
    return p;
  }

  private static CsvTableSpec.Builder spec() {
    return CsvTableSpec.builder("y", "p").categorical("g");
  }

  @Test
  void integerLabelsAreOrderedNumerically() throws IOException {
    PredictionTable t = PredictionTableCsv.read(write("y,p,g\n10,2,a\n9,10,b\n"), spec().build());
    assertEquals(List.of("2", "9", "10"), t.classes().asList());
    assertEquals(2, t.trueClass(0));
    assertEquals(0, t.predictedClass(0));
  }

  @Test
  void thePositiveLabelIsAClassEvenWithoutPositiveRows() throws IOException {
    PredictionTable t =
        PredictionTableCsv.read(
            write("y,p,s,g\n0,0,0.1,a\n0,0,0.2,b\n"), spec().score("s").positiveLabel("1").build());
    assertEquals(List.of("0", "1"), t.classes().asList());
  }

  @Test
  void quotedFieldsBomAndWeightsAreRead() throws IOException {
    Path p = write("\uFEFFy,p,\"g\",w\n1,0,\"a, b\",2.5\n0,0,c,0\n");
    PredictionTable t = PredictionTableCsv.read(p, spec().weight("w").build());
    assertEquals(List.of("a, b", "c"), t.requireAttribute("g").levels());
    assertEquals(2.5, t.weight(0));
    assertTrue(t.isWeighted());
  }

  @Test
  void severalPlainScoreColumnsAreTheClassesInOrder() throws IOException {
    Path p = write("y,p,s0,s1,g\n0,0,0.8,0.2,a\n1,0,0.6,0.4,a\n");
    PredictionTable t = PredictionTableCsv.read(p, spec().score("s0").score("s1").build());
    assertEquals(List.of("0", "1"), t.scoredClasses());
    assertEquals(0.4, t.score("1", 1));
  }

  @Test
  void explicitScoreLabelsAndDeclaredClasses() throws IOException {
    Path p = write("y,p,s,g\nsick,well,0.3,a\nwell,well,0.1,a\n");
    PredictionTable t =
        PredictionTableCsv.read(
            p, spec().classes(ClassLabels.of("well", "sick")).score("sick=s").build());
    assertEquals(1, t.trueClass(0));
    assertEquals(0.3, t.score("sick", 0));
  }

  @Test
  void oneScoreColumnNeedsThePositiveLabel() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PredictionTableCsv.read(write("y,p,s,g\n1,1,0.5,a\n"), spec().score("s").build()));
    assertTrue(e.getMessage().contains("positive label"), e.getMessage());
  }

  @Test
  void errorsNameFileLineAndColumn() throws IOException {
    assertError("y,p,g\n1,1,a\n\n1,2.5,b\n", 4, "p", "label '2.5' is not an integer");
    assertError("y,p,g,w\n1,1,a,-1\n", 2, "w", "weight -1.0 is negative");
    assertError("y,p,g,w\n1,1,a,NaN\n", 2, "w", "'NaN' is not a finite number");
    assertError("y,p,g\n1,1,a,extra\n", 2, null, "row has 4 fields, the header has 3");
    assertError("y,p\n1,1\n", 1, "g", "no such column in the header; columns are [y, p]");
    assertError("y,p,g\n", 0, null, "no data rows after the header");
  }

  @Test
  void scoreCountMustMatchTheClasses() throws IOException {
    Path p = write("y,p,a,b,c,g\n0,1,0.1,0.2,0.7,x\n");
    TableFormatException e =
        assertThrows(
            TableFormatException.class,
            () -> PredictionTableCsv.read(p, spec().score("a").score("b").score("c").build()));
    assertTrue(e.getMessage().contains("3 score columns [a, b, c] for 2 classes"), e.getMessage());
  }

  @Test
  void largeFilesAreSplitIntoChunksAndLaterChunksReportTheRightLine() throws IOException {
    StringBuilder sb = new StringBuilder("y,p,g\n");
    int rows = 1_200_000;
    for (int i = 0; i < rows; i++) {
      sb.append(i % 2)
          .append(',')
          .append(i % 3 == 0 ? 1 : 0)
          .append(",g")
          .append(i % 7)
          .append('\n');
    }
    Path p = write(sb.toString());
    assertTrue(Files.size(p) > 8 << 20, "several 4 MiB chunks");
    PredictionTable t = PredictionTableCsv.read(p, spec().build());
    assertEquals(rows, t.rowCount());
    assertEquals(1, t.trueClass(rows - 1));
    assertEquals(
        "g" + ((rows - 1) % 7),
        t.requireAttribute("g").levels().get(t.requireAttribute("g").code(rows - 1)));
    CsvParsersProperties.assertSameTable(
        PredictionTableCsv.readWithRecordParser(p, spec().build()), t);
    sb.append("1,oops,g1\n");
    Path bad = write(sb.toString());
    TableFormatException e =
        assertThrows(
            TableFormatException.class, () -> PredictionTableCsv.read(bad, spec().build()));
    assertEquals(rows + 2, e.line());
  }

  @Test
  void quotedFilesTakeTheRecordPathWithTheSameResult() throws IOException {
    Path p = write("y,p,g\n1,0,\"a\"\n0,0,b\n");
    PredictionTable t = PredictionTableCsv.read(p, spec().build());
    assertEquals(List.of("a", "b"), t.requireAttribute("g").levels());
  }

  private void assertError(String content, long line, String column, String problem)
      throws IOException {
    Path p = write(content);
    TableFormatException e =
        assertThrows(
            TableFormatException.class,
            () ->
                PredictionTableCsv.read(
                    p, spec().weight(content.startsWith("y,p,g,w") ? "w" : null).build()));
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(column, e.column(), e.getMessage());
    assertEquals(p, e.file());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
  }
}
