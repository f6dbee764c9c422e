package org.fairness4j.cli.nih;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fairness4j.core.prediction.ProbabilityTable;
import org.fairness4j.core.prediction.ProbabilityTableCsv;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.csv.TableFormatException;

/**
 * Reads a prediction table as {@code fairness study}, {@code adapt} and {@code zeroshot} write it,
 * for {@link PaperMetrics}, with the project's one prediction codec ({@link
 * ProbabilityTableCsv#read}): columns {@code y_true} (a class name of {@link NihProtocol#CLASSES}),
 * {@code score_<class>} for the six classes (probabilities), optionally {@code logit_<class>} for
 * all six (raw model outputs), {@code age} (integer years) and {@code sex} ({@code M} or {@code
 * F}); other columns, {@code image_id} and {@code y_pred} among them, are ignored, so that tables
 * from other tools need none of them. Scores and logits are read as 32-bit floats: the models
 * output them so, {@link ProbabilityTableCsv#write} writes them so (the shortest decimal that
 * identifies the float), and the released code's {@code .npy} holds them so; read as doubles, such
 * a decimal would differ from the float by up to 1e-7 relatively. A score or logit must be finite.
 */
public final class PaperPredictions {
  /** Only {@code y_true} is required of the prediction columns; rows are named by their line. */
  private static final ProbabilityTableCsv.Layout LAYOUT =
      new ProbabilityTableCsv.Layout(null, "y_true", null);

  private PaperPredictions() {}

  /**
   * Reads a table.
   *
   * @param csv the file
   * @return the metrics input; its logits are null when the table has no {@code logit_} columns
   * @throws IOException if the file cannot be read; {@link TableFormatException} naming file, line
   *     and column for a stray quote, a ragged row, a missing column, an unknown class or a value
   *     that is not a number
   * @throws IllegalArgumentException naming file, line and column for a score or logit that is not
   *     finite, a bad age or sex, or a table without rows
   */
  public static PaperMetrics.Input read(Path csv) throws IOException {
    ClassLabels classes = ClassLabels.of(NihProtocol.CLASSES);
    ProbabilityTable t = ProbabilityTableCsv.read(csv, classes, LAYOUT);
    for (String col : List.of("age", "sex")) {
      if (!t.columnNames().contains(col)) {
        throw new TableFormatException(csv, 1, col, "no such column (paper-metrics needs it)");
      }
    }
    int n = t.size();
    if (n == 0) {
      throw new IllegalArgumentException(csv + ": no rows");
    }
    int k = classes.size();
    boolean logits = t.hasLogits();
    int[] y = new int[n];
    double[][] p = new double[n][k];
    double[][] z = logits ? new double[n][k] : null;
    int[] ages = new int[n];
    String[] sexes = new String[n];
    List<String> age = t.column("age");
    List<String> sex = t.column("sex");
    for (int i = 0; i < n; i++) {
      String line = t.id(i);
      y[i] = t.trueClass(i);
      for (int c = 0; c < k; c++) {
        p[i][c] = finite(csv, line, "score_" + classes.label(c), t.probability(i, c));
        if (logits) {
          z[i][c] = finite(csv, line, "logit_" + classes.label(c), t.logit(i, c));
        }
      }
      String a = age.get(i).strip();
      try {
        ages[i] = Integer.parseInt(a);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            csv + ":" + line + ": column 'age': '" + a + "' is not an integer");
      }
      String s = sex.get(i).strip();
      if (!s.equals("M") && !s.equals("F")) {
        throw new IllegalArgumentException(
            csv + ":" + line + ": column 'sex': expected M or F, found '" + s + "'");
      }
      sexes[i] = s;
    }
    return new PaperMetrics.Input(y, p, z, ages, sexes);
  }

  private static double finite(Path csv, String line, String col, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(
          csv + ":" + line + ": column '" + col + "': '" + v + "' is not a finite number");
    }
    return v;
  }
}
