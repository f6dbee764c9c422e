package org.fairness4j.examples.study;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairness4j.core.table.ClassLabels;
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

  /** Reads predictions written by {@link ClassifierPredictions#writeCsv} (logits if kept). */
  static ClassifierPredictions readPredictions(Path csv, ClassLabels classes) throws IOException {
    List<String> ids = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    List<float[]> p = new ArrayList<>();
    List<float[]> z = new ArrayList<>();
    boolean logits = false;
    try (CsvReader<NamedCsvRecord> r = CsvReader.builder().ofNamedCsvRecord(csv)) {
      for (NamedCsvRecord rec : r) {
        logits = rec.getHeader().contains("logit_" + classes.label(0));
        ids.add(rec.getField("image_id"));
        y.add(classes.require(rec.getField("y_true")));
        float[] row = new float[classes.size()];
        float[] lrow = new float[classes.size()];
        for (int c = 0; c < row.length; c++) {
          row[c] = Float.parseFloat(rec.getField("score_" + classes.label(c)));
          if (logits) {
            lrow[c] = Float.parseFloat(rec.getField("logit_" + classes.label(c)));
          }
        }
        p.add(row);
        z.add(lrow);
      }
    }
    return ClassifierPredictions.of(
        ids,
        y.stream().mapToInt(Integer::intValue).toArray(),
        p.toArray(float[][]::new),
        logits ? z.toArray(float[][]::new) : null,
        classes);
  }
}
