package org.fairness4j.cli.nih;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The study's table metrics (docs/reproduction.md) in two variants. {@link Variant#FAITHFUL} is the
 * released {@code calculate_metrics.py} (mu9enn/fair_analysis_med_clip, commit eafd0c2) on every
 * column, its defects included: checked to 1e-9 against that script run unmodified ({@code
 * tools/run_calculate_metrics.py}). {@link Variant#CORRECTED} fixes each defect:
 *
 * <ol>
 *   <li>F1 columns relabelled: the released code writes class i's F1 under {@code categories[i]} of
 *       the list Cardiomegaly, Effusion, Atelectasis, Pneumothorax, Edema, Consolidation, so e.g.
 *       the column "Cardiomegaly" holds Atelectasis' F1. Corrected: each column holds its own
 *       class's F1.
 *   <li>"ECE" one-hot misaligned: output column i (alphabetical class i) is compared with the
 *       one-hot of {@code categories[i]}, another disease. Corrected: no one-hot comparison (3, 4).
 *   <li>"ECE" on raw logits (the saved {@code .npy} is the classifier output before softmax).
 *       Corrected: probabilities.
 *   <li>"ECE" is no calibration error (mean |output − one-hot| per class, no bins). Corrected:
 *       top-label ECE over 15 equal-width confidence bins, the difference between the groups.
 *   <li>Age groups: EqOdds uses 0 ≤ age ≤ 60 and 60 ≤ age ≤ 150 (age 60 in both), F1 and ECE use
 *       age &lt; 60 and ≥ 60 with no upper bound. Corrected: [0, 60) and [60, 100) everywhere.
 *   <li>EqOdds counts the TPR of a group without positives (FPR without negatives) as 0. Corrected:
 *       such a class is left out of the mean for that pair of groups.
 *   <li>Per-disease F1 when a class is neither true nor predicted: scikit-learn returns the F1s of
 *       the labels present only, so the released code fails (IndexError) — faithful values are then
 *       NaN with that reason. Corrected: that class's F1 is NaN (undefined) and Var_F1 is over the
 *       defined ones.
 * </ol>
 *
 * <p>Both variants: accuracy; subgroup F1 = macro F1 over the labels present (true or predicted) in
 * the subgroup, as scikit-learn's {@code f1_score(average='macro', zero_division=1)}; ΔF1_age =
 * mean(old) − mean(young), ΔF1_gender = mean(M) − mean(F) of the subgroup F1s (signed); Var_F1 and
 * Var_F1_subgroups = sample variances (ddof 1) of the per-disease and of the four subgroup F1s. A
 * NaN value carries its reason in {@link Row#undefined()}.
 */
public final class PaperMetrics {
  /** The released code's {@code categories} list, whose order labels F1 columns and the one-hot. */
  static final List<String> RELEASED_ORDER =
      List.of("Cardiomegaly", "Effusion", "Atelectasis", "Pneumothorax", "Edema", "Consolidation");

  /** Which definitions to use. */
  public enum Variant {
    /** As the released code computes them. */
    FAITHFUL,
    /** With its defects fixed. */
    CORRECTED
  }

  /**
   * The predictions of one run on the test images.
   *
   * @param yTrue true class per image (index into {@link NihProtocol#CLASSES})
   * @param probabilities per image the six class probabilities
   * @param logits per image the six raw model outputs, or null when not kept (the faithful ECE is
   *     then NaN)
   * @param ages age in years per image
   * @param sexes {@code M} or {@code F} per image
   */
  public record Input(
      int[] yTrue, double[][] probabilities, double[][] logits, int[] ages, String[] sexes) {
    /** Checks the sizes. */
    public Input {
      int n = yTrue.length;
      if (probabilities.length != n
          || ages.length != n
          || sexes.length != n
          || (logits != null && logits.length != n)) {
        throw new IllegalArgumentException("inputs of different lengths");
      }
      if (n == 0) {
        throw new IllegalArgumentException("no test images");
      }
      int k = NihProtocol.CLASSES.size();
      for (int i = 0; i < n; i++) {
        if (probabilities[i].length != k || (logits != null && logits[i].length != k)) {
          throw new IllegalArgumentException("row " + i + ": expected " + k + " classes");
        }
        if (yTrue[i] < 0 || yTrue[i] >= k) {
          throw new IllegalArgumentException("row " + i + ": class index " + yTrue[i]);
        }
      }
    }
  }

  /**
   * One row of the paper's tables.
   *
   * @param accuracy overall accuracy
   * @param f1 per-disease F1 under the columns of {@link NihProtocol#CLASSES} (faithful: what the
   *     released code writes under each column)
   * @param varF1 sample variance of {@code f1}
   * @param subgroupF1 macro F1 of young-M, young-F, old-M, old-F
   * @param varF1Subgroups sample variance of the four subgroup F1s
   * @param deltaF1Age mean(old) − mean(young) of the subgroup F1s
   * @param deltaF1Gender mean(M) − mean(F) of the subgroup F1s
   * @param eqOddsAge EqOdds between the age groups
   * @param eqOddsGender EqOdds between the sexes
   * @param eceDeltaAge ECE difference between the age groups
   * @param eceDeltaGender ECE difference between the sexes
   * @param undefined column name (as in {@code tables.csv}) to the reason of its NaN value
   */
  public record Row(
      double accuracy,
      double[] f1,
      double varF1,
      Map<String, Double> subgroupF1,
      double varF1Subgroups,
      double deltaF1Age,
      double deltaF1Gender,
      double eqOddsAge,
      double eqOddsGender,
      double eceDeltaAge,
      double eceDeltaGender,
      Map<String, String> undefined) {
    /** Copies. */
    public Row {
      f1 = f1.clone();
      subgroupF1 = Collections.unmodifiableMap(new LinkedHashMap<>(subgroupF1));
      undefined = Collections.unmodifiableMap(new LinkedHashMap<>(undefined));
    }

    /** Returns a copy of the per-disease F1s. */
    @Override
    public double[] f1() {
      return f1.clone();
    }
  }

  private static final List<String> SUBGROUPS = List.of("young-M", "young-F", "old-M", "old-F");

  private PaperMetrics() {}

  /**
   * Computes a row.
   *
   * @param in the predictions
   * @param variant faithful or corrected definitions
   * @return the row
   */
  public static Row compute(Input in, Variant variant) {
    boolean faithful = variant == Variant.FAITHFUL;
    int k = NihProtocol.CLASSES.size();
    int n = in.yTrue().length;
    int[] y = in.yTrue();
    // the released code takes the argmax of its .npy (logits); the same class as of probabilities
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = argmax(faithful && in.logits() != null ? in.logits()[i] : in.probabilities()[i]);
    }
    Map<String, String> why = new LinkedHashMap<>();
    double correct = 0;
    for (int i = 0; i < n; i++) {
      correct += y[i] == p[i] ? 1 : 0;
    }
    boolean[] all = new boolean[n];
    Arrays.fill(all, true);
    double[] own = new double[k];
    int present = 0;
    for (int c = 0; c < k; c++) {
      own[c] = f1(y, p, all, c);
      present += Double.isNaN(own[c]) ? 0 : 1;
    }
    double[] f1 = new double[k];
    for (int c = 0; c < k; c++) {
      String col = "F1_" + NihProtocol.CLASSES.get(c);
      if (faithful) {
        f1[c] = present < k ? Double.NaN : own[RELEASED_ORDER.indexOf(NihProtocol.CLASSES.get(c))];
        if (present < k) {
          why.put(
              col,
              "the released code fails (IndexError): only "
                  + present
                  + " of "
                  + k
                  + " classes are among the true or predicted labels");
        }
      } else {
        f1[c] = own[c];
        if (Double.isNaN(f1[c])) {
          why.put(col, "class neither true nor predicted for any test image");
        }
      }
    }
    double varF1 = variance(f1);
    if (Double.isNaN(varF1)) {
      why.put("Var_F1", "fewer than two defined per-disease F1s");
    }
    boolean[] young = new boolean[n];
    boolean[] old = new boolean[n];
    boolean[] male = new boolean[n];
    boolean[] female = new boolean[n];
    for (int i = 0; i < n; i++) {
      int a = in.ages()[i];
      young[i] = faithful ? a < 60 : a >= 0 && a < 60;
      old[i] = faithful ? a >= 60 : a >= 60 && a < 100;
      male[i] = in.sexes()[i].equals("M");
      female[i] = in.sexes()[i].equals("F");
    }
    Map<String, Double> sub = new LinkedHashMap<>();
    for (String g : SUBGROUPS) {
      boolean[] age = g.startsWith("young") ? young : old;
      boolean[] sex = g.endsWith("M") ? male : female;
      boolean[] m = new boolean[n];
      for (int i = 0; i < n; i++) {
        m[i] = age[i] && sex[i];
      }
      sub.put(g, macroF1(y, p, m, k));
      if (Double.isNaN(sub.get(g))) {
        why.put("F1_" + g, "no test image in subgroup " + g);
      }
    }
    double varSub = variance(sub.values().stream().mapToDouble(Double::doubleValue).toArray());
    if (Double.isNaN(varSub)) {
      why.put("Var_F1_subgroups", "fewer than two defined subgroup F1s");
    }
    double dAge =
        (sub.get("old-M") + sub.get("old-F")) / 2 - (sub.get("young-M") + sub.get("young-F")) / 2;
    double dSex =
        (sub.get("young-M") + sub.get("old-M")) / 2 - (sub.get("young-F") + sub.get("old-F")) / 2;
    if (Double.isNaN(dAge)) {
      why.put("dF1_age", "a subgroup F1 is undefined");
      why.put("dF1_gender", "a subgroup F1 is undefined");
    }
    double eqAge;
    double eqSex;
    double eceAge;
    double eceSex;
    if (faithful) {
      boolean[] y60 = new boolean[n];
      boolean[] o60 = new boolean[n];
      for (int i = 0; i < n; i++) {
        int a = in.ages()[i];
        y60[i] = a >= 0 && a <= 60;
        o60[i] = a >= 60 && a <= 150;
      }
      eqAge = FaithfulParts.eqOdds(y, p, y60, o60, k);
      eqSex = FaithfulParts.eqOdds(y, p, male, female, k);
      if (in.logits() == null) {
        eceAge = Double.NaN;
        eceSex = Double.NaN;
        String r =
            "no logit_ columns: the released code's ECE compares the raw model outputs (logits)";
        why.put("ECE_delta_age", r);
        why.put("ECE_delta_gender", r);
      } else {
        eceAge = FaithfulParts.eceDelta(y, in.logits(), young, old, k);
        eceSex = FaithfulParts.eceDelta(y, in.logits(), male, female, k);
        if (Double.isNaN(eceAge)) {
          why.put("ECE_delta_age", "an age group has no test image");
        }
        if (Double.isNaN(eceSex)) {
          why.put("ECE_delta_gender", "a sex has no test image");
        }
      }
    } else {
      eqAge = CorrectedParts.eqOdds(y, p, young, old, k);
      eqSex = CorrectedParts.eqOdds(y, p, male, female, k);
      eceAge =
          Math.abs(
              CorrectedParts.ece(y, in.probabilities(), young)
                  - CorrectedParts.ece(y, in.probabilities(), old));
      eceSex =
          Math.abs(
              CorrectedParts.ece(y, in.probabilities(), male)
                  - CorrectedParts.ece(y, in.probabilities(), female));
      String none =
          "no class with defined TPR and FPR in both groups, or a group has no test image";
      if (Double.isNaN(eqAge)) {
        why.put("EqOdds_age", none);
      }
      if (Double.isNaN(eqSex)) {
        why.put("EqOdds_gender", none);
      }
      if (Double.isNaN(eceAge)) {
        why.put("ECE_delta_age", "an age group has no test image");
      }
      if (Double.isNaN(eceSex)) {
        why.put("ECE_delta_gender", "a sex has no test image");
      }
    }
    return new Row(
        correct / n, f1, varF1, sub, varSub, dAge, dSex, eqAge, eqSex, eceAge, eceSex, why);
  }

  static int argmax(double[] v) {
    int best = 0;
    for (int c = 1; c < v.length; c++) {
      if (v[c] > v[best]) {
        best = c;
      }
    }
    return best;
  }

  /** One-vs-rest F1 of class c over the rows in {@code in}; NaN when 2TP + FP + FN = 0. */
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
    return d == 0 ? Double.NaN : 2 * tp / d;
  }

  /** Macro F1 over the classes true or predicted in {@code in}; NaN when {@code in} is empty. */
  static double macroF1(int[] y, int[] p, boolean[] in, int k) {
    double s = 0;
    int m = 0;
    for (int c = 0; c < k; c++) {
      double f = f1(y, p, in, c);
      if (!Double.isNaN(f)) {
        s += f;
        m++;
      }
    }
    return m == 0 ? Double.NaN : s / m;
  }

  /**
   * Sample variance (ddof 1) of the defined values, as pandas' {@code var}; NaN if fewer than 2.
   */
  static double variance(double[] v) {
    double[] d = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
    if (d.length < 2) {
      return Double.NaN;
    }
    double mean = 0;
    for (double x : d) {
      mean += x;
    }
    mean /= d.length;
    double ss = 0;
    for (double x : d) {
      ss += (x - mean) * (x - mean);
    }
    return ss / (d.length - 1);
  }
}
