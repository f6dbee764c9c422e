package org.fairness4j.cli.nih;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairness4j.core.table.csv.TableFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code paper-metrics}' input: strict CSV, errors name file, line and column. */
class PaperPredictionsTest {
  static final String HEADER =
      "image_id,y_true,score_Atelectasis,score_Cardiomegaly,score_Consolidation,score_Edema,"
          + "score_Effusion,score_Pneumothorax,sex,age\n";
  static final String ROW = "a_000.png,Edema,0.1,0.1,0.1,0.5,0.1,0.1,F,60\n";

  @TempDir Path dir;

  @Test
  void readsATableWithoutLogits() throws IOException {
    Path csv = Files.writeString(dir.resolve("p.csv"), HEADER + ROW + ROW.replace(",F,60", ",M,7"));
    PaperMetrics.Input in = PaperPredictions.read(csv);
    assertEquals(null, in.logits());
    assertEquals(3, in.yTrue()[1]);
    assertEquals(7, in.ages()[1]);
    assertEquals("M", in.sexes()[1]);
  }

  @Test
  void aStrayQuoteIsAnErrorNamingFileAndLine() throws IOException {
    Path csv =
        Files.writeString(
            dir.resolve("p.csv"), HEADER + ROW + ROW.replace(",F,", ",\"F,") + ROW + ROW);
    TableFormatException e =
        assertThrows(TableFormatException.class, () -> PaperPredictions.read(csv));
    assertTrue(e.getMessage().contains("p.csv:3: "), e.getMessage());
    assertTrue(e.getMessage().contains("never closed"), e.getMessage());
  }

  @Test
  void aRaggedRowNamesFileAndLine() throws IOException {
    Path csv = Files.writeString(dir.resolve("p.csv"), HEADER + ROW + "a_001.png,Edema,0.1\n");
    TableFormatException e =
        assertThrows(TableFormatException.class, () -> PaperPredictions.read(csv));
    assertTrue(e.getMessage().contains("p.csv:3: 3 fields, the header has 10"), e.getMessage());
  }

  /**
   * The core codec reads it: a missing column, an unknown class or a bad number name the column.
   */
  @Test
  void columnErrorsNameFileLineAndColumn() throws IOException {
    Path noSex = Files.writeString(dir.resolve("p.csv"), HEADER.replace(",sex,", ",gender,") + ROW);
    assertTrue(
        assertThrows(TableFormatException.class, () -> PaperPredictions.read(noSex))
            .getMessage()
            .contains("p.csv:1: column 'sex': no such column"));
    Path unknown = Files.writeString(dir.resolve("u.csv"), HEADER + ROW.replace("Edema", "edema"));
    assertTrue(
        assertThrows(TableFormatException.class, () -> PaperPredictions.read(unknown))
            .getMessage()
            .contains("u.csv:2: column 'y_true'"));
    Path nan = Files.writeString(dir.resolve("n.csv"), HEADER + ROW + ROW.replace("0.5", "NaN"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> PaperPredictions.read(nan))
            .getMessage()
            .contains("n.csv:3: column 'score_Edema': 'NaN' is not a finite number"));
    Path age = Files.writeString(dir.resolve("a.csv"), HEADER + ROW + ROW.replace(",60", ",sixty"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> PaperPredictions.read(age))
            .getMessage()
            .contains("a.csv:3: column 'age': 'sixty' is not an integer"));
  }

  /** Logits for some classes only are an error, not silently no logits. */
  @Test
  void logitsForSomeClassesOnlyAreAnError() throws IOException {
    Path csv =
        Files.writeString(
            dir.resolve("p.csv"),
            HEADER.replace(",sex,", ",logit_Cardiomegaly,sex,") + ROW.replace(",F,", ",0.3,F,"));
    assertTrue(
        assertThrows(TableFormatException.class, () -> PaperPredictions.read(csv))
            .getMessage()
            .contains("p.csv:1: column 'logit_Atelectasis': no such column"));
  }
}
