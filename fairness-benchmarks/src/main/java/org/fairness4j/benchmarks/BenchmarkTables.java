package org.fairness4j.benchmarks;

import java.util.SplittableRandom;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;

/** Synthetic prediction tables for the benchmarks (seeded, so every run measures the same data). */
final class BenchmarkTables {
  static final Binning AGE = Binning.edges(0, 20, 40, 60, 80);

  private BenchmarkTables() {}

  /** A table of {@code n} rows and {@code k} classes with one score column per class. */
  static PredictionTable table(int n, int k, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] t = new int[n];
    int[] p = new int[n];
    double[][] scores = new double[k][n];
    String[] sex = new String[n];
    double[] age = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = r.nextInt(k);
      p[i] = r.nextDouble() < 0.7 ? t[i] : r.nextInt(k);
      double sum = 0;
      for (int c = 0; c < k; c++) {
        scores[c][i] = r.nextDouble() + (c == p[i] ? 1.0 : 0.0);
        sum += scores[c][i];
      }
      for (int c = 0; c < k; c++) {
        scores[c][i] /= sum;
      }
      sex[i] = r.nextBoolean() ? "F" : "M";
      age[i] = r.nextInt(100);
    }
    int[] classes = new int[k];
    for (int c = 0; c < k; c++) {
      classes[c] = c;
    }
    PredictionTable.Builder b =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(classes))
            .classIndices(t, p)
            .categorical("sex", sex)
            .binned("age", age, AGE);
    for (int c = k == 2 ? 1 : 0; c < k; c++) {
      b.scores(Integer.toString(c), scores[c]);
    }
    return b.build();
  }
}
