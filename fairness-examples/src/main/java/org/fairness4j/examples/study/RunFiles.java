package org.fairness4j.examples.study;

import java.io.IOException;
import java.nio.file.Path;
import org.fairness4j.cli.nih.NihProtocol;
import org.fairness4j.cli.nih.PaperMetrics;
import org.fairness4j.core.prediction.ProbabilityTable;
import org.fairness4j.core.prediction.ProbabilityTableCsv;

/**
 * Prediction tables of the study's runs: written with the test columns, turned into metric inputs.
 */
final class RunFiles {
  private RunFiles() {}

  static PaperMetrics.Input input(ProbabilityTable p, Splits sp) {
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

  /** Writes a run's predictions with the test split's columns (sex, age, patient id, ...). */
  static void write(Path csv, ProbabilityTable p, Splits sp) throws IOException {
    ProbabilityTableCsv.write(
        csv, p.withColumns(sp.testColumns()), ProbabilityTableCsv.Layout.PREDICTIONS);
  }
}
