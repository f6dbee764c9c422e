package org.fairness4j.examples.nih;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairness4j.core.table.TableFormatException;
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
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PaperPredictions.read(csv));
    assertTrue(e.getMessage().contains("p.csv:3: 3 fields, the header has 10"), e.getMessage());
  }
}
