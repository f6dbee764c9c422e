package org.fairness4j.core.table.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairness4j.core.table.PredictionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Very long lines (issue 20 verification): a megabyte-long value in an unused column is read; a
 * megabyte-long column name or value in an error is cut, so the message stays one readable line
 * that still names file, line and column.
 */
class CsvLongLinesTest {
  @TempDir Path dir;

  private static final CsvTableSpec SPEC =
      CsvTableSpec.builder("y_true", "y_pred").categorical("sex").build();

  @Test
  void aLongValueInAnUnusedColumnIsRead() throws IOException {
    String note = "x".repeat(2_000_000);
    Path p =
        Files.writeString(
            dir.resolve("t.csv"),
            "y_true,y_pred,sex,note\n1,1,F," + note + "\n0,1,M," + note + "\n",
            StandardCharsets.UTF_8);
    PredictionTable t = PredictionTableCsv.read(p, SPEC);
    assertEquals(2, t.rowCount());
  }

  @Test
  void aLongColumnNameOrValueIsCutInTheMessage() throws IOException {
    Path header =
        Files.writeString(
            dir.resolve("h.csv"), "y_true,y_pred," + "s".repeat(5_000_000) + "\n1,1,F\n");
    TableFormatException e =
        assertThrows(TableFormatException.class, () -> PredictionTableCsv.read(header, SPEC));
    assertTrue(e.getMessage().length() < 500, e.getMessage().length() + " characters");
    assertTrue(
        e.getMessage().startsWith(header + ":1: column 'sex': no such column"), e.getMessage());
    assertTrue(e.getMessage().contains("…(5000000 characters)"), e.getMessage());

    Path value =
        Files.writeString(
            dir.resolve("v.csv"), "y_true,y_pred,sex\n1," + "7".repeat(1_000_000) + "x,F\n");
    TableFormatException v =
        assertThrows(TableFormatException.class, () -> PredictionTableCsv.read(value, SPEC));
    assertTrue(v.getMessage().length() < 500, v.getMessage().length() + " characters");
    assertTrue(v.getMessage().startsWith(value + ":2: column 'y_pred': "), v.getMessage());
  }

  @Test
  void shortRunsAndPathsAreKept() {
    String m = "image /tmp/" + "d".repeat(70) + "/" + "e".repeat(70) + ".png (column 'image')";
    assertEquals(m, TableFormatException.shorten(m));
  }
}
