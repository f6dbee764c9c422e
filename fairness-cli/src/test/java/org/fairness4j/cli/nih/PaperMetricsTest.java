package org.fairness4j.cli.nih;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A hand-computed example: 8 images of the first 2 of the 6 classes, one per age × sex subgroup
 * pair.
 *
 * <pre>
 * i  age sex  y  pred  score(class 1)
 * 0  30  M    0  0     0.2
 * 1  30  M    1  1     0.9
 * 2  40  F    0  1     0.6
 * 3  40  F    1  1     0.7
 * 4  60  M    0  0     0.1
 * 5  70  M    1  0     0.4
 * 6  80  F    0  0     0.3
 * 7  90  F    1  1     0.8
 * </pre>
 */
class PaperMetricsTest {
  private static final int[] Y = {0, 1, 0, 1, 0, 1, 0, 1};
  private static final int[] P = {0, 1, 1, 1, 0, 0, 0, 1};
  private static final int[] AGE = {30, 30, 40, 40, 60, 70, 80, 90};
  private static final String[] SEX = {"M", "M", "F", "F", "M", "M", "F", "F"};
  private static final double[] S1 = {0.2, 0.9, 0.6, 0.7, 0.1, 0.4, 0.3, 0.8};

  /** Six classes, of which only the first two occur: scores {1 − s, s, 0, 0, 0, 0}. */
  private static double[][] scores() {
    double[][] s = new double[8][];
    for (int i = 0; i < 8; i++) {
      s[i] = new double[] {1 - S1[i], S1[i], 0, 0, 0, 0};
    }
    return s;
  }

  private static PaperMetrics.Input input() {
    double[][] s = scores();
    for (int i = 0; i < 8; i++) {
      assertEquals(P[i], PaperMetrics.argmax(s[i]));
    }
    return new PaperMetrics.Input(Y, s, s, AGE, SEX);
  }

  @Test
  void correctedRowMatchesTheHandComputation() {
    PaperMetrics.Row r = PaperMetrics.compute(input(), PaperMetrics.Variant.CORRECTED);
    // 6 of 8 correct.
    assertEquals(0.75, r.accuracy(), 1e-12);
    // Class 0: TP 3 (0, 4, 6), FP 1 (5), FN 1 (2) -> 6/8. Class 1: TP 3 (1, 3, 7), FP 1 (2), FN 1
    // (5).
    // Classes 2..5 are neither true nor predicted: undefined, with the reason.
    assertArrayEquals(
        new double[] {0.75, 0.75, Double.NaN, Double.NaN, Double.NaN, Double.NaN}, r.f1(), 1e-12);
    assertTrue(r.undefined().get("F1_Consolidation").contains("neither true nor predicted"));
    assertEquals(0.0, r.varF1(), 1e-12);
    // young-M {0,1}: both right -> F1 1, 1 -> 1. young-F {2,3}: class 0 TP0 FN1 -> 0; class 1
    // TP1 FP1 -> 2/3; macro 1/3. old-M {4,5}: class 0 TP1 FP1 -> 2/3; class 1 TP0 FN1 -> 0; 1/3.
    // old-F {6,7}: both right -> 1.
    assertEquals(1.0, r.subgroupF1().get("young-M"), 1e-12);
    assertEquals(1.0 / 3, r.subgroupF1().get("young-F"), 1e-12);
    assertEquals(1.0 / 3, r.subgroupF1().get("old-M"), 1e-12);
    assertEquals(1.0, r.subgroupF1().get("old-F"), 1e-12);
    // variance (ddof 1) of 1, 1/3, 1/3, 1: mean 2/3, squares 4 × 1/9, / 3
    assertEquals(4.0 / 27, r.varF1Subgroups(), 1e-12);
    // ΔF1_age = (1/3 + 1)/2 − (1 + 1/3)/2 = 0; ΔF1_gender = (1 + 1/3)/2 − (1/3 + 1)/2 = 0.
    assertEquals(0.0, r.deltaF1Age(), 1e-12);
    assertEquals(0.0, r.deltaF1Gender(), 1e-12);
    // Age (young {0..3}, old {4..7}). Class 1: TPR young 2/2, old 1/2 -> 0.5; FPR young 1/2, old
    // 0/2 -> 0.5; (0.5+0.5)/2 = 0.5. Class 0: TPR young 1/2, old 2/2 -> 0.5; FPR young 0/2, old
    // 1/2 -> 0.5; 0.5. Mean 0.5.
    assertEquals(0.5, r.eqOddsAge(), 1e-12);
    // Sex (M {0,1,4,5}, F {2,3,6,7}). Class 1: TPR M 1/2, F 2/2 -> 0.5; FPR M 0/2, F 1/2 -> 0.5.
    // Class 0: TPR M 2/2, F 1/2; FPR M 1/2, F 0/2 -> 0.5. Mean 0.5.
    assertEquals(0.5, r.eqOddsGender(), 1e-12);
    // Top-label ECE, 15 bins. Young: confidences 0.8 (right), 0.9 (right), 0.6 (wrong), 0.7
    // (right), in bins 12, 14, 9, 11 (one each): (0.2 + 0.1 + 0.6 + 0.3)/4 = 0.3. Old: 0.9
    // (right), 0.6 (wrong), 0.7 (right), 0.8 (right): same multiset -> 0.3. Δ = 0.
    assertEquals(0.0, r.eceDeltaAge(), 1e-12);
  }

  @Test
  void faithfulVariantKeepsTheReleasedCodesDefects() {
    PaperMetrics.Row r = PaperMetrics.compute(input(), PaperMetrics.Variant.FAITHFUL);
    // Only 2 of 6 labels present: the released code's per-disease table fails (IndexError).
    assertTrue(Double.isNaN(r.f1()[0]) && Double.isNaN(r.varF1()));
    assertTrue(r.undefined().get("F1_Atelectasis").contains("IndexError"));
    // Young becomes {0..4} (age 60 included). Class 1: TPR young 2/2, old 1/2 -> 0.5; FPR young
    // 1/3, old 0/2 -> 1/3; (0.5 + 1/3)/2 = 5/12. Class 0: TPR young 2/3 (0, 4 right; 2 wrong),
    // old 2/2 -> 1/3; FPR young 0/2, old 1/2 -> 1/2; (1/3 + 1/2)/2 = 5/12. Classes 2..5: rates 0
    // (0/0 counted as 0) in both groups. Mean over six: 10/12 / 6 = 5/36.
    assertEquals(5.0 / 36, r.eqOddsAge(), 1e-12);
    // "ECE": output column i against the one-hot of RELEASED_ORDER[i] = classes 1, 4, 0, 5, 3, 2.
    // Per image the six |output − one-hot| sum to |1 − s − [y=1]| + s + [y=0]: 2 for y = 0, 2s
    // for y = 1. Young (< 60) {0..3}: 2, 1.8, 2, 1.4 -> 7.2 / 4 / 6 = 0.3. Old {4..7}: 2, 0.8, 2,
    // 1.6 -> 6.4 / 4 / 6. Difference 0.8 / 24 = 1/30.
    assertEquals(1.0 / 30, r.eceDeltaAge(), 1e-12);
    // M {0,1,4,5}: 2, 1.8, 2, 0.8 -> 6.6; F {2,3,6,7}: 2, 1.4, 2, 1.6 -> 7; 0.4 / 4 / 6 = 1/60.
    assertEquals(1.0 / 60, r.eceDeltaGender(), 1e-12);
  }

  @Test
  void faithfulF1ColumnsAreTheReleasedCodesRelabelling() {
    // 6 classes all present: image i of class i % 6, predicted right except two.
    int n = 12;
    int[] y = new int[n];
    double[][] s = new double[n][6];
    for (int i = 0; i < n; i++) {
      y[i] = i % 6;
      int pred = i == 0 ? 1 : i == 7 ? 2 : y[i];
      s[i][pred] = 1;
    }
    int[] ages = new int[n];
    String[] sexes = new String[n];
    for (int i = 0; i < n; i++) {
      ages[i] = 30 + 5 * i;
      sexes[i] = i % 2 == 0 ? "M" : "F";
    }
    PaperMetrics.Input in = new PaperMetrics.Input(y, s, null, ages, sexes);
    double[] own = PaperMetrics.compute(in, PaperMetrics.Variant.CORRECTED).f1();
    PaperMetrics.Row f = PaperMetrics.compute(in, PaperMetrics.Variant.FAITHFUL);
    // the column "Cardiomegaly" holds Atelectasis' F1, "Effusion" Cardiomegaly's, "Atelectasis"
    // Consolidation's, "Pneumothorax" Edema's, "Edema" Effusion's, "Consolidation" Pneumothorax'
    // (class order: Atelectasis 0, Cardiomegaly 1, Consolidation 2, Edema 3, Effusion 4,
    // Pneumothorax 5)
    assertArrayEquals(new double[] {own[2], own[0], own[5], own[4], own[1], own[3]}, f.f1(), 0);
    assertTrue(Double.isNaN(f.eceDeltaAge()));
    assertTrue(f.undefined().get("ECE_delta_age").contains("no logit_ columns"));
  }
}
