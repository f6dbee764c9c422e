package org.fairness4j.core.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The correlation of a group's TPR and TNR estimates that balanced accuracy's MOVER uses. */
class ClusteredCompositeIntervalsTest {

  /** One group of patients, each given by its {TP, FN, FP, TN}. */
  private static double correlation(long[]... patients) {
    Map<Integer, long[]> m = new LinkedHashMap<>();
    long[] total = new long[4];
    for (int i = 0; i < patients.length; i++) {
      m.put(i, patients[i]);
      for (int c = 0; c < 4; c++) {
        total[c] += patients[i][c];
      }
    }
    List<Map<Integer, long[]>> per = new ArrayList<>();
    per.add(m);
    return ClusteredCompositeIntervals.correlation(new long[][] {total}, per);
  }

  @Test
  void patientsOfOneClassGiveNoCorrelation() {
    assertEquals(
        0.0,
        correlation(
            new long[] {2, 1, 0, 0},
            new long[] {0, 0, 1, 3},
            new long[] {3, 0, 0, 0},
            new long[] {0, 0, 0, 2}));
  }

  @Test
  void aPatientLevelEffectOnBothRatesGivesAPositiveOne() {
    // Hard patients miss their positive and their negative image; easy ones get both right.
    double r =
        correlation(
            new long[] {1, 0, 0, 1},
            new long[] {0, 1, 1, 0},
            new long[] {1, 0, 0, 1},
            new long[] {1, 0, 0, 1},
            new long[] {0, 1, 1, 0});
    assertEquals(1.0, r, 1e-12);
    // Opposite effects (negative correlation) are clipped to 0: never narrower than independent.
    double s =
        correlation(
            new long[] {1, 0, 1, 0},
            new long[] {0, 1, 0, 1},
            new long[] {1, 0, 1, 0},
            new long[] {0, 1, 0, 1});
    assertEquals(0.0, s);
    assertTrue(
        correlation(
                new long[] {2, 0, 0, 2},
                new long[] {1, 1, 1, 1},
                new long[] {0, 2, 1, 1},
                new long[] {2, 0, 0, 3})
            > 0);
  }
}
