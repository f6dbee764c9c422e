package org.fairness4j.examples.nih;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The study's table metrics, as defined in the authors' code (docs/reproduction.md): accuracy;
 * one-vs-rest F1 per disease (2TP / (2TP + FP + FN), 0 when undefined, as scikit-learn); Var_F1,
 * the sample variance (ddof 1) of the per-disease F1s; macro F1 of the four subgroups young-M,
 * young-F, old-M, old-F; ΔF1_age = mean(old-M, old-F) − mean(young-M, young-F) and ΔF1_gender =
 * mean(young-M, old-M) − mean(young-F, old-F) (signed); EqOdds between two groups = mean over
 * classes of (|ΔTPR| + |ΔFPR|) / 2; ECE_Δ = |difference| between two groups of the class-averaged
 * mean |score − one-hot|.
 *
 * <p>{@link Variant#FAITHFUL} keeps two defects of the released code: its age split for EqOdds
 * counts age 60 in both groups (≤ 60 and ≥ 60), and its "ECE" is computed on the raw scores it is
 * given (logits there) without bins. {@link Variant#CORRECTED} uses [0, 60) and [60, 100) and
 * computes ECE_Δ on probabilities as the difference of the groups' top-label ECE over 15
 * equal-width bins. (A third defect, per-disease F1 columns labelled in another order than the
 * class indices, is not reproduced: the columns here always follow {@link NihProtocol#CLASSES}.)
 */
public final class PaperMetrics {
  /** Which definitions to use. */
  public enum Variant {
    /** As the released code computes them. */
    FAITHFUL,
    /** With its defects fixed. */
    CORRECTED
  }

  /**
   * One row of the paper's table.
   *
   * @param accuracy overall accuracy
   * @param f1 per-disease F1, in class order
   * @param varF1 sample variance of {@code f1}
   * @param subgroupF1 macro F1 of young-M, young-F, old-M, old-F
   * @param deltaF1Age mean(old) − mean(young) of the subgroup F1s
   * @param deltaF1Gender mean(M) − mean(F) of the subgroup F1s
   * @param eqOddsAge EqOdds between the age groups
   * @param eqOddsGender EqOdds between the sexes
   * @param eceDeltaAge ECE_Δ between the age groups
   * @param eceDeltaGender ECE_Δ between the sexes
   */
  public record Row(
      double accuracy,
      double[] f1,
      double varF1,
      Map<String, Double> subgroupF1,
      double deltaF1Age,
      double deltaF1Gender,
      double eqOddsAge,
      double eqOddsGender,
      double eceDeltaAge,
      double eceDeltaGender) {}

  private PaperMetrics() {}

  /**
   * Computes a row.
   *
   * @param yTrue true class per image
   * @param yPred predicted class per image
   * @param scores per image the class scores (probabilities; for the faithful ECE, whatever the
   *     model output was)
   * @param ages age in years per image
   * @param sexes {@code M} or {@code F} per image
   * @param classes number of classes
   * @param variant faithful or corrected definitions
   * @return the row
   */
  public static Row compute(
      int[] yTrue,
      int[] yPred,
      double[][] scores,
      int[] ages,
      String[] sexes,
      int classes,
      Variant variant) {
    int n = yTrue.length;
    boolean[] all = new boolean[n];
    java.util.Arrays.fill(all, true);
    double correct = 0;
    for (int i = 0; i < n; i++) {
      correct += yTrue[i] == yPred[i] ? 1 : 0;
    }
    double[] f1 = new double[classes];
    for (int c = 0; c < classes; c++) {
      f1[c] = f1(yTrue, yPred, all, c);
    }
    Map<String, Double> sub = new LinkedHashMap<>();
    for (String age : List.of("young", "old")) {
      for (String sex : List.of("M", "F")) {
        boolean[] in = new boolean[n];
        for (int i = 0; i < n; i++) {
          in[i] = sexes[i].equals(sex) && (age.equals("young") ? ages[i] < 60 : ages[i] >= 60);
        }
        double s = 0;
        for (int c = 0; c < classes; c++) {
          s += f1(yTrue, yPred, in, c);
        }
        sub.put(age + "-" + sex, s / classes);
      }
    }
    double dAge =
        (sub.get("old-M") + sub.get("old-F")) / 2 - (sub.get("young-M") + sub.get("young-F")) / 2;
    double dSex =
        (sub.get("young-M") + sub.get("old-M")) / 2 - (sub.get("young-F") + sub.get("old-F")) / 2;
    boolean faithful = variant == Variant.FAITHFUL;
    boolean[] young = new boolean[n];
    boolean[] old = new boolean[n];
    boolean[] male = new boolean[n];
    boolean[] female = new boolean[n];
    for (int i = 0; i < n; i++) {
      young[i] = faithful ? ages[i] <= 60 : ages[i] < 60;
      old[i] = ages[i] >= 60;
      male[i] = sexes[i].equals("M");
      female[i] = sexes[i].equals("F");
    }
    return new Row(
        correct / n,
        f1,
        sampleVariance(f1),
        sub,
        dAge,
        dSex,
        eqOdds(yTrue, yPred, young, old, classes),
        eqOdds(yTrue, yPred, male, female, classes),
        faithful
            ? Math.abs(
                meanAbsError(yTrue, scores, young, classes)
                    - meanAbsError(yTrue, scores, old, classes))
            : Math.abs(ece(yTrue, scores, young) - ece(yTrue, scores, old)),
        faithful
            ? Math.abs(
                meanAbsError(yTrue, scores, male, classes)
                    - meanAbsError(yTrue, scores, female, classes))
            : Math.abs(ece(yTrue, scores, male) - ece(yTrue, scores, female)));
  }

  /** One-vs-rest F1 of class c over the rows in {@code in}; 0 when 2TP + FP + FN = 0. */
  static double f1(int[] y, int[] p, boolean[] in, int c) {
    double tp = 0;
    double fp = 0;
    double fn = 0;
    for (int i = 0; i < y.length; i++) {
      if (!in[i]) {
        continue;
      }
      boolean t = y[i] == c;
      boolean q = p[i] == c;
      tp += t && q ? 1 : 0;
      fp += !t && q ? 1 : 0;
      fn += t && !q ? 1 : 0;
    }
    double d = 2 * tp + fp + fn;
    return d == 0 ? 0 : 2 * tp / d;
  }

  static double sampleVariance(double[] v) {
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return ss / (v.length - 1);
  }

  /** Mean over classes of (|ΔTPR| + |ΔFPR|) / 2 between groups a and b (a rate 0/0 counts 0). */
  static double eqOdds(int[] y, int[] p, boolean[] a, boolean[] b, int classes) {
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      double[] ra = rates(y, p, a, c);
      double[] rb = rates(y, p, b, c);
      sum += (Math.abs(ra[0] - rb[0]) + Math.abs(ra[1] - rb[1])) / 2;
    }
    return sum / classes;
  }

  private static double[] rates(int[] y, int[] p, boolean[] in, int c) {
    double tp = 0;
    double pos = 0;
    double fp = 0;
    double neg = 0;
    for (int i = 0; i < y.length; i++) {
      if (!in[i]) {
        continue;
      }
      if (y[i] == c) {
        pos++;
        tp += p[i] == c ? 1 : 0;
      } else {
        neg++;
        fp += p[i] == c ? 1 : 0;
      }
    }
    return new double[] {pos == 0 ? 0 : tp / pos, neg == 0 ? 0 : fp / neg};
  }

  /** The released code's "ECE": mean over classes of the group's mean |score − one-hot|. */
  static double meanAbsError(int[] y, double[][] s, boolean[] in, int classes) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < y.length; i++) {
      if (!in[i]) {
        continue;
      }
      n++;
      for (int c = 0; c < classes; c++) {
        sum += Math.abs(s[i][c] - (y[i] == c ? 1 : 0));
      }
    }
    return n == 0 ? 0 : sum / n / classes;
  }

  /** Top-label ECE over 15 equal-width confidence bins (right-closed, as the usual definition). */
  static double ece(int[] y, double[][] s, boolean[] in) {
    int bins = 15;
    double[] conf = new double[bins];
    double[] acc = new double[bins];
    int[] count = new int[bins];
    int n = 0;
    for (int i = 0; i < y.length; i++) {
      if (!in[i]) {
        continue;
      }
      n++;
      int arg = 0;
      for (int c = 1; c < s[i].length; c++) {
        if (s[i][c] > s[i][arg]) {
          arg = c;
        }
      }
      double p = s[i][arg];
      int b = Math.min(bins - 1, Math.max(0, (int) Math.ceil(p * bins) - 1));
      conf[b] += p;
      acc[b] += arg == y[i] ? 1 : 0;
      count[b]++;
    }
    double e = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        e += Math.abs(acc[b] - conf[b]) / n;
      }
    }
    return n == 0 ? 0 : e;
  }
}
