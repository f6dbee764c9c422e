package org.fairness4j.core;

import java.util.Random;
import org.fairness4j.core.table.Binning;
import org.fairness4j.core.table.ClassLabels;
import org.fairness4j.core.table.PredictionTable;

/**
 * Random prediction tables for property tests, drawn from a seed so that a failing case can be
 * replayed. Small tables over many groups, so that empty groups, single-class groups and groups
 * without positives occur often ({@code RandomTablesTest} counts them).
 */
final class RandomTables {
  static final Binning AGE = Binning.edges(0, 20, 40, 60);
  static final String[] SEXES = {"F", "M", "X"};

  /** The raw columns, kept so that tests can recompute everything independently. */
  record Raw(
      int classes,
      int[] yTrue,
      int[] yPred,
      double[] score,
      double[] weight,
      String[] sex,
      double[] age) {
    int n() {
      return yTrue.length;
    }
  }

  private RandomTables() {}

  static Raw raw(long seed) {
    Random r = new Random(seed);
    int n = 1 + r.nextInt(r.nextBoolean() ? 12 : 120);
    int k = 2 + r.nextInt(3);
    int[] t = new int[n];
    int[] p = new int[n];
    double[] s = new double[n];
    double[] w = new double[n];
    String[] sex = new String[n];
    double[] age = new double[n];
    double positiveRate = r.nextDouble();
    double accuracy = r.nextDouble();
    int sexLevels = 1 + r.nextInt(SEXES.length);
    for (int i = 0; i < n; i++) {
      t[i] = r.nextDouble() < positiveRate ? 1 : (r.nextInt(k));
      p[i] = r.nextDouble() < accuracy ? t[i] : r.nextInt(k);
      // Coarse scores so that ties occur.
      s[i] = r.nextInt(8) / 8.0 + (p[i] == 1 ? 0.25 : 0);
      w[i] = r.nextInt(4);
      sex[i] = SEXES[r.nextInt(sexLevels)];
      age[i] = r.nextInt(6) == 0 ? 75 : r.nextInt(60);
    }
    return new Raw(k, t, p, s, w, sex, age);
  }

  static PredictionTable table(Raw raw, boolean weighted) {
    PredictionTable.Builder b =
        PredictionTable.builder()
            .classes(ClassLabels.ofInts(range(raw.classes())))
            .classIndices(raw.yTrue(), raw.yPred())
            .scores("1", raw.score())
            .categorical("sex", raw.sex())
            .binned("age", raw.age(), AGE);
    if (weighted) {
      b.weights(raw.weight());
    }
    return b.build();
  }

  static int[] range(int k) {
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = i;
    }
    return out;
  }
}
