package org.fairness4j.examples.nih;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.table.CsvRecordReader;

/**
 * Reads a prediction table as {@code fairness study}, {@code adapt} and {@code zeroshot} write it,
 * for {@link PaperMetrics}: columns {@code y_true} (a class name of {@link NihProtocol#CLASSES}),
 * {@code score_<class>} for the six classes (probabilities), optionally {@code logit_<class>} for
 * all six (raw model outputs), {@code age} (integer years) and {@code sex} ({@code M} or {@code
 * F}); other columns are ignored. Scores and logits are read as 32-bit floats: the models output
 * them so, {@link org.fairness4j.core.prediction.ProbabilityTableCsv#write} writes them so (the
 * shortest decimal that identifies the float), and the released code's {@code .npy} holds them so;
 * read as doubles, such a decimal would differ from the float by up to 1e-7 relatively. The file is
 * read by the strict {@link CsvRecordReader}: a stray quote is an error naming file and line.
 */
public final class PaperPredictions {
  private PaperPredictions() {}

  /**
   * Reads a table.
   *
   * @param csv the file
   * @return the metrics input; its logits are null when the table has no {@code logit_} columns
   * @throws IOException if the file cannot be read; {@link
   *     org.fairness4j.core.table.TableFormatException} naming file and line for a stray quote
   * @throws IllegalArgumentException naming file, line and column for a missing column or a bad
   *     value
   */
  public static PaperMetrics.Input read(Path csv) throws IOException {
    List<String> classes = NihProtocol.CLASSES;
    int k = classes.size();
    List<Integer> y = new ArrayList<>();
    List<double[]> p = new ArrayList<>();
    List<double[]> z = new ArrayList<>();
    List<Integer> ages = new ArrayList<>();
    List<String> sexes = new ArrayList<>();
    boolean logits;
    try (CsvRecordReader r = CsvRecordReader.open(csv, ',')) {
      List<String> header = r.next();
      if (header == null) {
        throw new IllegalArgumentException(csv + ": empty file (no header row)");
      }
      List<String> need = new ArrayList<>(List.of("y_true", "age", "sex"));
      classes.forEach(c -> need.add("score_" + c));
      for (String col : need) {
        if (!header.contains(col)) {
          throw new IllegalArgumentException(
              csv + ":1: no column '" + col + "' (a prediction table needs " + need + ")");
        }
      }
      long nLogits = classes.stream().filter(c -> header.contains("logit_" + c)).count();
      if (nLogits != 0 && nLogits != k) {
        throw new IllegalArgumentException(
            csv + ":1: logit_ columns for " + nLogits + " of the " + k + " classes");
      }
      logits = nLogits == k;
      List<String> fields;
      while ((fields = r.next()) != null) {
        long line = r.recordLine();
        if (fields.size() != header.size()) {
          throw new IllegalArgumentException(
              csv + ":" + line + ": " + fields.size() + " fields, the header has " + header.size());
        }
        Row rec = new Row(header, fields);
        String t = rec.getField("y_true");
        int cls = classes.indexOf(t);
        if (cls < 0) {
          throw new IllegalArgumentException(
              csv + ":" + line + ": column 'y_true': '" + t + "' is not one of " + classes);
        }
        y.add(cls);
        double[] pr = new double[k];
        double[] lr = new double[k];
        for (int c = 0; c < k; c++) {
          pr[c] = number(csv, line, rec, "score_" + classes.get(c));
          if (logits) {
            lr[c] = number(csv, line, rec, "logit_" + classes.get(c));
          }
        }
        p.add(pr);
        z.add(lr);
        String a = rec.getField("age").strip();
        try {
          ages.add(Integer.parseInt(a));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              csv + ":" + line + ": column 'age': '" + a + "' is not an integer");
        }
        String s = rec.getField("sex").strip();
        if (!s.equals("M") && !s.equals("F")) {
          throw new IllegalArgumentException(
              csv + ":" + line + ": column 'sex': expected M or F, found '" + s + "'");
        }
        sexes.add(s);
      }
    }
    if (y.isEmpty()) {
      throw new IllegalArgumentException(csv + ": no rows");
    }
    return new PaperMetrics.Input(
        y.stream().mapToInt(Integer::intValue).toArray(),
        p.toArray(double[][]::new),
        logits ? z.toArray(double[][]::new) : null,
        ages.stream().mapToInt(Integer::intValue).toArray(),
        sexes.toArray(String[]::new));
  }

  private static double number(Path csv, long line, Row rec, String col) {
    String v = rec.getField(col).strip();
    try {
      double d = Float.parseFloat(v);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          csv + ":" + line + ": column '" + col + "': '" + v + "' is not a finite number");
    }
  }

  /** One record with its header. */
  private record Row(List<String> header, List<String> fields) {
    String getField(String name) {
      return fields.get(header.indexOf(name));
    }
  }
}
