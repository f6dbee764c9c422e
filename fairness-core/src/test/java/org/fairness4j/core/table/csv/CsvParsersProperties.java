package org.fairness4j.core.table.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.PredictionTable;
import org.fairness4j.core.table.SensitiveAttribute;

/**
 * The fast byte path and the FastCSV record path read the same tables and report the same errors.
 */
class CsvParsersProperties {
  private Path dir;

  @BeforeProperty
  void createDirectory() throws IOException {
    dir = Files.createTempDirectory("fairness4j-csv");
  }

  @AfterProperty
  void deleteDirectory() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  private static CsvTableSpec spec(boolean weighted) {
    CsvTableSpec.Builder b =
        CsvTableSpec.builder("y", "p")
            .score("s")
            .positiveLabel("1")
            .categorical("sex")
            .binned("age", Binning.edges(0, 40, 60));
    if (weighted) {
      b.weight("w");
    }
    return b.build();
  }

  /** Random rows, with CRLF or LF, blank lines, spaces, missing values and odd numbers. */
  static List<String> lines(Random r) {
    List<String> lines = new ArrayList<>();
    lines.add("y,p,s,sex,age,w");
    int n = 1 + r.nextInt(60);
    String[] sexes = {"F", "M", "", "NA", "x y"};
    String[] ages = {"12", "45.5", "", "abc", "-3", "70", " 61 "};
    String[] scores = {"0.5", "1e-3", " 0.25", "1", "0", "-0.0", ".75", "3.0E2"};
    for (int i = 0; i < n; i++) {
      if (r.nextInt(15) == 0) {
        lines.add("");
      }
      lines.add(
          r.nextInt(2)
              + ","
              + (r.nextInt(5) == 0 ? " 1" : String.valueOf(r.nextInt(2)))
              + ","
              + scores[r.nextInt(scores.length)]
              + ","
              + sexes[r.nextInt(sexes.length)]
              + ","
              // The first row's age is a number: a binned column without any is refused.
              + (i == 0 ? "45" : ages[r.nextInt(ages.length)])
              + ","
              + r.nextInt(3));
    }
    return lines;
  }

  private Path write(List<String> lines, boolean crlf) throws IOException {
    Path p = Files.createTempFile(dir, "t", ".csv");
    Files.writeString(p, String.join(crlf ? "\r\n" : "\n", lines) + "\n");
    return p;
  }

  @Property(tries = 100)
  void bothParsersReadTheSameTable(
      @ForAll long seed, @ForAll boolean crlf, @ForAll boolean weighted) throws IOException {
    Path p = write(lines(new Random(seed)), crlf);
    PredictionTable fast = PredictionTableCsv.read(p, spec(weighted));
    PredictionTable slow = PredictionTableCsv.readWithRecordParser(p, spec(weighted));
    assertSameTable(slow, fast);
  }

  @Property(tries = 100)
  void bothParsersReportTheSameError(@ForAll long seed, @ForAll boolean crlf) throws IOException {
    Random r = new Random(seed);
    List<String> lines = lines(r);
    int at = 1 + r.nextInt(lines.size() - 1);
    String[] broken = {
      "2,1,0.5,F,30", "x,1,0.5,F,30,1", "1,1,zz,F,30,1", "1,1,0.5,F,30,-1", "1,1,Infinity,F,30,1"
    };
    lines.set(at, broken[r.nextInt(broken.length)]);
    Path p = write(lines, crlf);
    TableFormatException a =
        assertThrows(TableFormatException.class, () -> PredictionTableCsv.read(p, spec(true)));
    TableFormatException b =
        assertThrows(
            TableFormatException.class,
            () -> PredictionTableCsv.readWithRecordParser(p, spec(true)));
    assertEquals(b.getMessage(), a.getMessage());
    assertEquals(at + 1, a.line());
  }

  static void assertSameTable(PredictionTable expected, PredictionTable actual) {
    assertEquals(expected.rowCount(), actual.rowCount());
    assertEquals(expected.classes(), actual.classes());
    assertEquals(expected.scoredClasses(), actual.scoredClasses());
    for (int i = 0; i < expected.rowCount(); i++) {
      assertEquals(expected.trueClass(i), actual.trueClass(i));
      assertEquals(expected.predictedClass(i), actual.predictedClass(i));
      assertEquals(expected.weight(i), actual.weight(i));
      for (String c : expected.scoredClasses()) {
        assertEquals(expected.score(c, i), actual.score(c, i));
      }
    }
    assertEquals(expected.attributes().size(), actual.attributes().size());
    for (SensitiveAttribute a : expected.attributes()) {
      SensitiveAttribute b = actual.requireAttribute(a.name());
      assertEquals(a.levels(), b.levels());
      assertEquals(a.missingTokenRows(), b.missingTokenRows());
      assertEquals(a.unparseableRows(), b.unparseableRows());
      assertEquals(a.outOfRangeRows(), b.outOfRangeRows());
      for (int i = 0; i < expected.rowCount(); i++) {
        assertEquals(a.code(i), b.code(i));
      }
    }
  }
}
