package org.fairness4j.core.table.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that a lenient reader would turn into a silently wrong table (issue 20): each is refused
 * with one message naming the file, and the line and column where there is one.
 */
class CsvRefusalsTest {
  @TempDir Path dir;

  private Path write(String content) throws IOException {
    return write(content.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(byte[] content) throws IOException {
    Path p = dir.resolve("table.csv");
    Files.write(p, content);
    return p;
  }

  private static CsvTableSpec sexSpec() {
    return CsvTableSpec.builder("y_true", "y_pred").categorical("sex").build();
  }

  private TableFormatException refused(Path p, CsvTableSpec spec) {
    TableFormatException e =
        assertThrows(TableFormatException.class, () -> PredictionTableCsv.read(p, spec));
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    return e;
  }

  @Test
  void anUnterminatedQuoteInTheLastColumnIsRefusedNotSwallowed() throws IOException {
    // The reproduction: FastCSV read n = 2 and a group "M\n1,0,F...".
    Path p = write("y_true,y_pred,sex\n1,1,F\n0,1,\"M\n1,0,F\n0,0,M\n1,1,F\n");
    TableFormatException e = refused(p, sexSpec());
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("never closed"), e.getMessage());
  }

  @Test
  void aQuoteClosedRowsLaterIsRefusedWhereItJoinsRows() throws IOException {
    Path p = write("y_true,y_pred,sex\n1,1,F\n0,1,\"M\n1,0,F\"\n0,0,M\n");
    TableFormatException e = refused(p, sexSpec());
    assertEquals(3, e.line());
    assertEquals("sex", e.column());
    assertTrue(e.getMessage().contains("spans several lines"), e.getMessage());
  }

  @Test
  void aLineBreakInAnUnusedQuotedColumnIsFine() throws IOException {
    Path p = write("y_true,y_pred,sex,note\n1,1,F,\"two\nlines\"\n0,1,M,x\n");
    PredictionTable t = PredictionTableCsv.read(p, sexSpec());
    assertEquals(2, t.rowCount());
    assertEquals(List.of("F", "M"), t.requireAttribute("sex").levels());
  }

  @Test
  void textAfterAClosingQuoteIsRefused() throws IOException {
    TableFormatException e = refused(write("y_true,y_pred,sex\n1,1,\"F\"x\n"), sexSpec());
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("after the closing quote"), e.getMessage());
  }

  @Test
  void aQuoteInsideAnUnquotedFieldIsAnOrdinaryCharacter() throws IOException {
    PredictionTable t =
        PredictionTableCsv.read(write("y_true,y_pred,sex\n1,1,F\"x\n0,0,M\n"), sexSpec());
    assertEquals(List.of("F\"x", "M"), t.requireAttribute("sex").levels());
  }

  @Test
  void aBareCarriageReturnIsRefusedOnBothPaths() throws IOException {
    TableFormatException e = refused(write("y_true,y_pred,sex\r1,1,F\r0,0,M\r"), sexSpec());
    assertEquals(1, e.line());
    assertTrue(e.getMessage().contains("carriage return"), e.getMessage());
    e = refused(write("y_true,y_pred,sex\n1,1,\"F\"\n0,0,M\r1,0,F\n"), sexSpec());
    assertEquals(3, e.line());
  }

  @Test
  void aUsedColumnNamedTwiceIsRefusedAnUnusedOneIsNot() throws IOException {
    TableFormatException e = refused(write("y_true,y_pred,sex,sex\n1,1,F,M\n"), sexSpec());
    assertEquals("sex", e.column());
    assertTrue(e.getMessage().contains("fields 3 and 4"), e.getMessage());
    PredictionTable t =
        PredictionTableCsv.read(write("y_true,y_pred,sex,x,x\n1,1,F,1,2\n"), sexSpec());
    assertEquals(1, t.rowCount());
  }

  @Test
  void labelsWithSurroundingSpacesAreOneGroup() throws IOException {
    PredictionTable t =
        PredictionTableCsv.read(write("y_true,y_pred,sex\n1,1, F\n0,0,F\n1,0,\"F \"\n"), sexSpec());
    assertEquals(List.of("F"), t.requireAttribute("sex").levels());
  }

  @Test
  void aScoreLabelThatOccursNowhereIsRefusedUnlessDeclared() throws IOException {
    Path p = write("y,p,g,s9,s1\n1,1,a,0.2,0.9\n0,0,b,0.1,0.2\n");
    CsvTableSpec spec =
        CsvTableSpec.builder("y", "p").categorical("g").score("9=s9").positiveLabel("1").build();
    TableFormatException e = refused(p, spec);
    assertEquals("s9", e.column());
    assertTrue(e.getMessage().contains("'9'"), e.getMessage());
    CsvTableSpec declared =
        CsvTableSpec.builder("y", "p")
            .categorical("g")
            .score("9=s9")
            .score("1=s1")
            .classes(ClassLabels.of("0", "1", "9"))
            .build();
    assertEquals(List.of("1", "9"), sortedScored(PredictionTableCsv.read(p, declared)));
  }

  private static List<String> sortedScored(PredictionTable t) {
    return t.scoredClasses().stream().sorted().toList();
  }

  @Test
  void binningATextColumnIsRefusedNamingARow() throws IOException {
    Path p = write("y_true,y_pred,sex\n1,1,NA\n0,1,F\n1,0,M\n");
    CsvTableSpec spec =
        CsvTableSpec.builder("y_true", "y_pred").binned("sex", Binning.parse("0,1")).build();
    TableFormatException e = refused(p, spec);
    assertEquals("sex", e.column());
    assertTrue(e.getMessage().contains("data row 2: 'F'"), e.getMessage());
    // A few non-numbers among numbers are counted, not refused.
    Path mixed = write("y_true,y_pred,age\n1,1,30\n0,1,old\n");
    CsvTableSpec ages =
        CsvTableSpec.builder("y_true", "y_pred").binned("age", Binning.parse("0,40")).build();
    assertEquals(1, PredictionTableCsv.read(mixed, ages).requireAttribute("age").unparseableRows());
  }

  @Test
  void aColumnNameWithAColonIsUsable() throws IOException {
    assertEquals(new CsvTableSpec.AttributeSpec("race:eth", null), parse("race:eth"));
    CsvTableSpec.AttributeSpec binned = parse("age:y:bins=0,60");
    assertEquals("age:y", binned.name());
    assertEquals(List.of("[0,60)", "[60,inf)"), binned.binning().names());
    Path p = write("y_true,y_pred,race:eth\n1,1,a\n0,0,b\n");
    PredictionTable t =
        PredictionTableCsv.read(
            p, CsvTableSpec.builder("y_true", "y_pred").attribute(parse("race:eth")).build());
    assertEquals(List.of("a", "b"), t.requireAttribute("race:eth").levels());
  }

  private static CsvTableSpec.AttributeSpec parse(String s) {
    return CsvTableSpec.AttributeSpec.parse(s);
  }

  @Test
  void anEmptyClassLabelIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClassLabels.of("a", "", "b"));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void binaryCompressedAndUtf16FilesAreNamed() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write("y_true,y_pred,sex\n1,1,F\n".getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(refused(write(gz.toByteArray()), sexSpec()).getMessage().contains("gzip"));
    byte[] utf16 = "\uFEFFy_true,y_pred,sex\n1,1,F\n".getBytes(StandardCharsets.UTF_16LE);
    assertTrue(refused(write(utf16), sexSpec()).getMessage().contains("UTF-16"));
    byte[] utf16NoBom = "y_true,y_pred,sex\n1,1,F\n".getBytes(StandardCharsets.UTF_16LE);
    assertTrue(refused(write(utf16NoBom), sexSpec()).getMessage().contains("NUL"));
    byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0};
    assertTrue(refused(write(zip), sexSpec()).getMessage().contains("ZIP"));
    byte[] latin1 = "y_true,y_pred,sex\n1,1,M\u00e4nner\n".getBytes(StandardCharsets.ISO_8859_1);
    assertTrue(refused(write(latin1), sexSpec()).getMessage().contains("not UTF-8"));
    byte[] utf8 =
        "y_true,y_pred,sex\n1,1,M\u00e4nner\n0,0,\u00f0\u009f\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(2, PredictionTableCsv.read(write(utf8), sexSpec()).rowCount());
  }

  @Test
  void aPipeIsRefusedBeforeItIsOpened() throws Exception {
    Path fifo = dir.resolve("pipe.csv");
    try {
      new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
    } catch (IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no mkfifo: " + e);
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(fifo));
    // Opening a FIFO without a writer would block; the check refuses it first.
    TableFormatException e = refused(fifo, sexSpec());
    assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
  }

  @Test
  void aDirectoryIsNamed() {
    TableFormatException e = refused(dir, sexSpec());
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
  }
}
