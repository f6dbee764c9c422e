package org.fairness4j.examples.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.CsvRecordReader;
import org.fairness4j.core.table.TableFormatException;
import org.fairness4j.examples.nih.NihProtocol;
import org.fairness4j.examples.nih.PaperMetrics;
import org.fairness4j.models.adapt.ClassifierPredictions;

/** Prediction tables of the study's runs: read back (resume) and turned into metric inputs. */
final class RunFiles {
  private RunFiles() {}

  static PaperMetrics.Input input(ClassifierPredictions p, Splits sp) {
    int n = p.size();
    int k = NihProtocol.CLASSES.size();
    int[] y = new int[n];
    double[][] sc = new double[n][k];
    double[][] z = p.hasLogits() ? new double[n][k] : null;
    for (int i = 0; i < n; i++) {
      y[i] = p.trueClass(i);
      for (int c = 0; c < k; c++) {
        sc[i][c] = p.probability(i, c);
        if (z != null) {
          z[i][c] = p.logit(i, c);
        }
      }
    }
    return new PaperMetrics.Input(y, sc, z, sp.testAges(), sp.testSexes());
  }

  /**
   * Reads predictions written by {@link ClassifierPredictions#writeCsv} (logits if kept), with the
   * strict {@link CsvRecordReader}: a stray quote, a ragged row, a missing column or a value that
   * is not a number is a {@link TableFormatException} naming file, line and column.
   */
  static ClassifierPredictions readPredictions(Path csv, ClassLabels classes) throws IOException {
    List<String> ids = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    List<float[]> p = new ArrayList<>();
    List<float[]> z = new ArrayList<>();
    try (CsvRecordReader r = CsvRecordReader.open(csv, ',')) {
      List<String> header = r.next();
      if (header == null) {
        throw new TableFormatException(csv, 0, null, "empty file (no header row)");
      }
      boolean logits = header.contains("logit_" + classes.label(0));
      int k = classes.size();
      int id = column(csv, header, "image_id");
      int yt = column(csv, header, "y_true");
      int[] sc = new int[k];
      int[] lc = new int[k];
      for (int c = 0; c < k; c++) {
        sc[c] = column(csv, header, "score_" + classes.label(c));
        lc[c] = logits ? column(csv, header, "logit_" + classes.label(c)) : -1;
      }
      List<String> rec;
      while ((rec = r.next()) != null) {
        long line = r.recordLine();
        if (rec.size() != header.size()) {
          throw new TableFormatException(
              csv, line, null, rec.size() + " fields, the header has " + header.size());
        }
        ids.add(rec.get(id));
        try {
          y.add(classes.require(rec.get(yt)));
        } catch (IllegalArgumentException e) {
          throw new TableFormatException(csv, line, "y_true", e.getMessage());
        }
        float[] row = new float[k];
        float[] lrow = new float[k];
        for (int c = 0; c < k; c++) {
          row[c] = number(csv, line, header, rec, sc[c]);
          if (logits) {
            lrow[c] = number(csv, line, header, rec, lc[c]);
          }
        }
        p.add(row);
        z.add(lrow);
      }
      return ClassifierPredictions.of(
          ids,
          y.stream().mapToInt(Integer::intValue).toArray(),
          p.toArray(float[][]::new),
          logits ? z.toArray(float[][]::new) : null,
          classes);
    }
  }

  private static int column(Path csv, List<String> header, String name)
      throws TableFormatException {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new TableFormatException(csv, 1, name, "no such column");
    }
    return i;
  }

  private static float number(Path csv, long line, List<String> header, List<String> rec, int i)
      throws TableFormatException {
    try {
      return Float.parseFloat(rec.get(i).strip());
    } catch (NumberFormatException e) {
      throw new TableFormatException(
          csv, line, header.get(i), "'" + rec.get(i) + "' is not a number");
    }
  }
}
