package org.fairness4j.examples.nih;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A hand-computed example: 8 images, 2 classes, one per age × sex subgroup pair.
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

  private static double[][] scores() {
    double[][] s = new double[8][];
    for (int i = 0; i < 8; i++) {
      s[i] = new double[] {1 - S1[i], S1[i]};
    }
    return s;
  }

  @Test
  void correctedRowMatchesTheHandComputation() {
    PaperMetrics.Row r =
        PaperMetrics.compute(Y, P, scores(), AGE, SEX, 2, PaperMetrics.Variant.CORRECTED);
    // 6 of 8 correct.
    assertEquals(0.75, r.accuracy(), 1e-12);
    // Class 0: TP 3 (0, 4, 6), FP 1 (5), FN 1 (2) -> 6/8. Class 1: TP 3 (1, 3, 7), FP 1 (2), FN 1
    // (5).
    assertArrayEquals(new double[] {0.75, 0.75}, r.f1(), 1e-12);
    assertEquals(0.0, r.varF1(), 1e-12);
    // young-M {0,1}: both right -> F1 1, 1 -> 1. young-F {2,3}: class 0 TP0 FN1 -> 0; class 1
    // TP1 FP1 -> 2/3; macro 1/3. old-M {4,5}: class 0 TP1 FP1 -> 2/3; class 1 TP0 FN1 -> 0; 1/3.
    // old-F {6,7}: both right -> 1.
    assertEquals(1.0, r.subgroupF1().get("young-M"), 1e-12);
    assertEquals(1.0 / 3, r.subgroupF1().get("young-F"), 1e-12);
    assertEquals(1.0 / 3, r.subgroupF1().get("old-M"), 1e-12);
    assertEquals(1.0, r.subgroupF1().get("old-F"), 1e-12);
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
  void faithfulVariantCountsAgeSixtyTwiceAndUsesRawScores() {
    PaperMetrics.Row r =
        PaperMetrics.compute(Y, P, scores(), AGE, SEX, 2, PaperMetrics.Variant.FAITHFUL);
    // Young becomes {0..4} (age 60 included). Class 1: TPR young 2/2, old 1/2 -> 0.5; FPR young
    // 1/3, old 0/2 -> 1/3; (0.5 + 1/3)/2 = 5/12. Class 0: TPR young 2/3 (0, 4 right; 2 wrong),
    // old 2/2 -> 1/3; FPR young 0/2, old 1/2 -> 1/2; (1/3 + 1/2)/2 = 5/12. Mean 5/12.
    assertEquals(5.0 / 12, r.eqOddsAge(), 1e-12);
    // "ECE" = class-mean of mean |score − one-hot|; per image both classes give |s1 − y|.
    // Young {0..4}: 0.2, 0.1, 0.6, 0.3, 0.1 -> mean 0.26. Old {4..7}: 0.1, 0.6, 0.3, 0.2 -> 0.3.
    assertEquals(0.04, r.eceDeltaAge(), 1e-12);
    // M {0,1,4,5}: 0.2, 0.1, 0.1, 0.6 -> 0.25. F {2,3,6,7}: 0.6, 0.3, 0.3, 0.2 -> 0.35.
    assertEquals(0.1, r.eceDeltaGender(), 1e-12);
  }
}
