package org.fairness4j.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.TableFormatException;
import org.fairness4j.examples.nih.NihProtocol;
import org.fairness4j.models.adapt.ClassifierPredictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a run's prediction table back (resume): strict CSV, errors name file, line, column. */
class RunFilesTest {
  static final ClassLabels CLASSES = ClassLabels.of(NihProtocol.CLASSES);

  @TempDir Path dir;

  /** A table as ClassifierPredictions.writeCsv writes it: two images, logits kept. */
  private Path table(String secondRowScore) throws IOException {
    float[][] p = {
      {0.5f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f}, {0.1f, 0.5f, 0.1f, 0.1f, 0.1f, 0.1f},
    };
    float[][] z = {{2f, 0f, 0f, 0f, 0f, 0f}, {0f, 2f, 0f, 0f, 0f, 0f}};
    ClassifierPredictions pred =
        ClassifierPredictions.of(
            java.util.List.of("a_000.png", "b_000.png"), new int[] {0, 1}, p, z, CLASSES);
    Path csv = dir.resolve("run.csv");
    pred.writeCsv(csv, java.util.Map.of());
    String text = Files.readString(csv);
    return Files.writeString(
        csv,
        text.replace(
            "\nb_000.png,Cardiomegaly,Cardiomegaly,0.1,",
            "\nb_000.png,Cardiomegaly,Cardiomegaly," + secondRowScore + ","));
  }

  @Test
  void readsBackWhatWasWritten() throws IOException {
    ClassifierPredictions back = RunFiles.readPredictions(table("0.1"), CLASSES);
    assertEquals(2, back.size());
    assertTrue(back.hasLogits());
    assertEquals(1, back.trueClass(1));
    assertEquals(0.5f, back.probability(1, 1));
    assertEquals(2f, back.logit(0, 0));
    assertEquals(0.1f, (float) back.probability(1, 0));
  }

  @Test
  void aStrayQuoteIsAnErrorNamingFileAndLine() throws IOException {
    Path csv = table("\"0.1");
    TableFormatException e =
        assertThrows(TableFormatException.class, () -> RunFiles.readPredictions(csv, CLASSES));
    assertTrue(e.getMessage().contains("run.csv:3: "), e.getMessage());
    assertTrue(e.getMessage().contains("never closed"), e.getMessage());
  }

  @Test
  void aValueThatIsNotANumberNamesFileLineAndColumn() throws IOException {
    Path csv = table("0.1x");
    TableFormatException e =
        assertThrows(TableFormatException.class, () -> RunFiles.readPredictions(csv, CLASSES));
    assertTrue(
        e.getMessage().contains("run.csv:3: column 'score_Atelectasis': '0.1x' is not a number"),
        e.getMessage());
  }
}
