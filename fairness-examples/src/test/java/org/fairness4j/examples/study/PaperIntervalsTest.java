package org.fairness4j.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.fairness4j.cli.nih.PaperMetrics;
import org.fairness4j.cli.nih.PaperTables;
import org.fairness4j.core.prediction.ProbabilityTable;
import org.junit.jupiter.api.Test;

class PaperIntervalsTest {
  /** n images of one patient each, balanced classes and subgroups, right with probability q. */
  private static PaperMetrics.Input input(int n, double q, long seed) {
    Random rnd = new Random(seed);
    int[] y = new int[n];
    double[][] p = new double[n][6];
    int[] ages = new int[n];
    String[] sexes = new String[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 6;
      int pred = rnd.nextDouble() < q ? y[i] : (y[i] + 1 + rnd.nextInt(5)) % 6;
      for (int c = 0; c < 6; c++) {
        p[i][c] = c == pred ? 0.75 : 0.05;
      }
      ages[i] = (i / 6) % 2 == 0 ? 40 : 70;
      sexes[i] = (i / 12) % 2 == 0 ? "M" : "F";
    }
    return new PaperMetrics.Input(y, p, null, ages, sexes);
  }

  private static String[] patients(int n) {
    String[] s = new String[n];
    for (int i = 0; i < n; i++) {
      s[i] = "p" + i;
    }
    return s;
  }

  private static StudyRunner.Run run(String strategy, PaperMetrics.Input in) {
    return new StudyRunner.Run(
        "m",
        strategy,
        (ProbabilityTable) null,
        PaperMetrics.compute(in, PaperMetrics.Variant.FAITHFUL),
        PaperMetrics.compute(in, PaperMetrics.Variant.CORRECTED));
  }

  @Test
  void accuracyIntervalIsCloseToTheWaldIntervalWithOneImagePerPatient() {
    int n = 2400;
    PaperMetrics.Input in = input(n, 0.8, 1);
    double acc = PaperMetrics.compute(in, PaperMetrics.Variant.CORRECTED).accuracy();
    PaperIntervals.Bounds b =
        PaperIntervals.intervals(in, patients(n), 400, 7)
            .get(PaperTables.metricColumns().indexOf("accuracy"));
    double half = 1.96 * Math.sqrt(acc * (1 - acc) / n);
    assertEquals(acc - half, b.lo(), 0.004);
    assertEquals(acc + half, b.hi(), 0.004);
    assertEquals(
        b, PaperIntervals.intervals(in, patients(n), 400, 7).get(0), "same seed, same interval");
  }

  @Test
  void clusteringWidensTheIntervalWhenAPatientsImagesAgree() {
    // 240 images, but 24 patients of 10 identical images each: the interval must be far wider
    int n = 240;
    PaperMetrics.Input in = input(n, 0.7, 2);
    String[] clustered = new String[n];
    int[] y = in.yTrue();
    for (int i = 0; i < n; i++) {
      clustered[i] = "p" + (i % 24);
    }
    // make each patient's images all right or all wrong
    double[][] q = new double[n][];
    for (int i = 0; i < n; i++) {
      boolean right = (i % 24) % 3 != 0;
      q[i] = new double[6];
      for (int c = 0; c < 6; c++) {
        q[i][c] = c == (right ? y[i] : (y[i] + 1) % 6) ? 0.75 : 0.05;
      }
    }
    PaperMetrics.Input grouped = new PaperMetrics.Input(y, q, null, in.ages(), in.sexes());
    int acc = PaperTables.metricColumns().indexOf("accuracy");
    PaperIntervals.Bounds wide = PaperIntervals.intervals(grouped, clustered, 300, 3).get(acc);
    PaperIntervals.Bounds narrow = PaperIntervals.intervals(grouped, patients(n), 300, 3).get(acc);
    assertTrue(
        wide.hi() - wide.lo() > 2 * (narrow.hi() - narrow.lo()),
        "clustered " + wide + " vs unclustered " + narrow);
  }

  @Test
  void pairedComparisonsSeeRealDifferencesAndNotIdentity() {
    int n = 240;
    PaperMetrics.Input weak = input(n, 0.3, 4);
    PaperMetrics.Input strong = input(n, 0.95, 5);
    List<StudyRunner.Run> runs =
        List.of(run(StudyRunner.ZERO_SHOT, weak), run("full", strong), run("same", weak));
    List<PaperIntervals.Comparison> c =
        PaperIntervals.compare(runs, List.of(weak, strong, weak), patients(n), 200, 9);
    assertEquals(2 * PaperIntervals.COMPARED.size(), c.size());
    PaperIntervals.Comparison acc = c.get(0);
    assertEquals("full", acc.other());
    assertEquals("accuracy", acc.metric());
    assertTrue(acc.delta() > 0.5 && acc.ci().lo() > 0.4, acc.toString());
    assertEquals(1.0 / (1 + PaperIntervals.PERMUTATIONS), acc.p(), 1e-12);
    for (PaperIntervals.Comparison x : c) {
      assertTrue(x.pHolm() >= x.p() - 1e-15, x.toString());
      if (x.other().equals("same")) {
        assertEquals(0.0, x.delta(), 0);
        assertEquals(1.0, x.p(), 0, "identical predictions: every permutation is as extreme");
        assertEquals(0.0, x.ci().lo(), 0);
        assertEquals(0.0, x.ci().hi(), 0);
      }
    }
  }
}
